import Foundation

/// The delays between the attempts of one delivery, after the first immediate attempt.
///
/// `[1m, 5m, 30m]` means: at once, then 1 minute after the first failure, 5 minutes after the
/// second, 30 minutes after the third; a fourth failure ends the delivery as `failed`.
public struct RetrySchedule: Sendable, Hashable, Codable, CustomStringConvertible {
    public var delays: [Interval]

    /// At once, then 1 minute, 5 minutes and 30 minutes.
    public static let standard = RetrySchedule(delays: [.minutes(1), .minutes(5), .minutes(30)])

    /// The most delays a schedule may hold.
    public static let maximumRetries = 50

    public init(delays: [Interval]) {
        self.delays = delays
    }

    /// Parses `1m,5m,30m` (an empty string means no retries).
    public init(parsing text: String) throws(HookdError) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        try self.init(parsingEach: parts, field: "retry")
    }

    /// Parses each delay, reporting the first bad one with its position.
    public init(parsingEach texts: [String], field: String) throws(HookdError) {
        guard texts.count <= Self.maximumRetries else {
            throw .invalidField(field, "at most \(Self.maximumRetries) retries")
        }
        var delays: [Interval] = []
        for (index, text) in texts.enumerated() {
            do {
                delays.append(try Interval(parsing: text))
            } catch {
                throw .invalidField("\(field)[\(index)]", error.description)
            }
        }
        self.init(delays: delays)
    }

    /// The shortest and longest waits a `Retry-After` can ask for: shorter requests wait
    /// the floor (no hammering), longer ones the cap (one endpoint cannot park a delivery
    /// for days).
    public static let retryAfterBounds = Interval.seconds(1)...Interval.minutes(60)

    /// A requested `Retry-After` kept within `retryAfterBounds`.
    public static func clampRetryAfter(_ requested: Interval) -> Interval {
        min(max(requested, retryAfterBounds.lowerBound), retryAfterBounds.upperBound)
    }

    /// The fraction by which the engine stretches or shrinks scheduled waits at random.
    public static let jitterRange = -0.1...0.1

    /// How many attempts a delivery gets in all.
    public var maximumAttempts: Int { delays.count + 1 }

    /// The wait before the next attempt once `attemptsMade` attempts have failed, or `nil`
    /// when the schedule is exhausted.
    public func delay(afterFailedAttempts attemptsMade: Int) -> Interval? {
        let index = attemptsMade - 1
        return delays.indices.contains(index) ? delays[index] : nil
    }

    public var description: String { delays.map(\.description).joined(separator: ",") }

    public init(from decoder: any Decoder) throws {
        delays = try [Interval](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try delays.encode(to: encoder)
    }
}
