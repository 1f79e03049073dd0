import HookdCore

/// `Deliveries.Watch`'s answer: the watch's id, then `Watch.Delivery` notifications follow.
public struct DeliveryWatchStarted: Codable, Sendable, Equatable {
    /// Names the watch in its notifications and in `Watch.Cancel`.
    public var watch: String
    /// The feed's position when the watch began: its first change has a higher cursor.
    public var cursor: Int64
    /// The most recent matching deliveries, newest first.
    public var deliveries: [Delivery]

    public init(watch: String, cursor: Int64, deliveries: [Delivery]) {
        self.watch = watch
        self.cursor = cursor
        self.deliveries = deliveries
    }
}
