import Foundation

/// Reads the times operators give on the command line: a duration back from now (`2h`,
/// `30m`) or an ISO 8601 timestamp (`2026-11-29T02:00:00Z`).
public enum PointInTime {
    /// The instant `text` names, measured back from `now` for durations.
    public static func parse(_ text: String, now: Date, field: String) throws(HookdError) -> Date {
        if let date = Timestamp.parse(text) { return date }
        if let interval = try? Interval(parsing: text) { return now.addingTimeInterval(-interval.timeInterval) }
        throw .invalidField(field, "\"\(text)\" is neither a duration back from now (2h, 30m) nor an ISO 8601 time")
    }
}
