import HookdCore

/// `Events.Get`: the event and where it went.
public struct EventDetail: Codable, Sendable, Equatable {
    public var event: Event
    public var deliveries: [Delivery]
    public init(event: Event, deliveries: [Delivery]) {
        self.event = event
        self.deliveries = deliveries
    }
}
