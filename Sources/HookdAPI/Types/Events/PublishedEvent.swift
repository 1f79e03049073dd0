import HookdCore

/// What publishing one event did.
public struct PublishedEvent: Codable, Sendable, Equatable {
    public var event: Event
    /// How many deliveries were created (0 for a duplicate).
    public var deliveries: Int
    /// True when an event with this id already existed; nothing was delivered again.
    public var duplicate: Bool

    public init(event: Event, deliveries: Int, duplicate: Bool) {
        self.event = event
        self.deliveries = deliveries
        self.duplicate = duplicate
    }
}
