import HookdCore

/// `Watch.Delivery`: one delivery changed.
public struct DeliveryWatchNotice: Codable, Sendable, Equatable {
    /// What happened to a delivery.
    public enum Change: String, Codable, Sendable, CaseIterable {
        /// Made by a publish (or a test send).
        case created
        /// An attempt ended; `attempt` says how.
        case attempted
        /// Kept as skipped (its webhook is disabled), without an attempt.
        case skipped
    }

    /// The watch this belongs to.
    public var watch: String
    /// The change's position in the feed; rises by one per change the daemon committed.
    public var cursor: Int64
    /// What happened to the delivery.
    public var change: Change
    /// The delivery as it now is.
    public var delivery: Delivery
    /// The attempt that ended (`attempted` only).
    public var attempt: Attempt?

    public init(watch: String, cursor: Int64, change: Change, delivery: Delivery, attempt: Attempt? = nil) {
        self.watch = watch
        self.cursor = cursor
        self.change = change
        self.delivery = delivery
        self.attempt = attempt
    }
}
