import HookdCore

/// `Watch.Event`: an event was published.
public struct EventWatchNotice: Codable, Sendable, Equatable {
    /// The watch this is about.
    public var watch: String
    /// The change's position in the feed.
    public var cursor: Int64
    /// The event as stored.
    public var event: Event
    /// How many deliveries it made.
    public var deliveries: Int

    public init(watch: String, cursor: Int64, event: Event, deliveries: Int) {
        self.watch = watch
        self.cursor = cursor
        self.event = event
        self.deliveries = deliveries
    }
}
