import Foundation

/// The engine's time: what it stamps attempts and due times with, and how it sleeps until
/// the next one is due. Tests substitute a clock they move by hand.
public protocol EngineClock: Sendable {
    /// The current time.
    var now: Date { get }
    /// Returns at `deadline` (or at once when it has passed); throws when cancelled.
    func sleep(until deadline: Date) async throws
}

/// Wall-clock time.
public struct SystemEngineClock: EngineClock {
    public init() {}

    public var now: Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return }
        try await Task.sleep(for: .nanoseconds(Int64(seconds * 1_000_000_000)))
    }
}
