import Foundation

/// Reads an HTTP `Retry-After` value: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`).
public enum RetryAfter {
    /// The wait the header asks for, measured from `now`; `nil` when it is unreadable.
    /// A date in the past means "now" (zero).
    public static func parse(_ value: String, now: Date) -> Interval? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(text) {
            guard seconds >= 0, seconds < Int64.max / 1000 else { return nil }
            return .seconds(seconds)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return Interval(milliseconds: max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }
}
