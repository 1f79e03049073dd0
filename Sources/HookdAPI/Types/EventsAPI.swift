import HookdCore

/// One event as a producer publishes it.
public struct EventInput: Codable, Sendable, Equatable {
    public var account: String
    /// The event type, e.g. `customer.created`.
    public var type: String
    /// The payload; must be a JSON object.
    public var data: JSONValue
    /// The producer's id for the event; hookd makes one (`evt_...`) when omitted.
    public var id: String?
    /// A W3C `traceparent`, sent as that header to every receiver of the event.
    public var traceparent: String?
    /// A W3C `tracestate` (needs `traceparent`), sent beside it.
    public var tracestate: String?

    public init(
        account: String, type: String, data: JSONValue, id: String? = nil, traceparent: String? = nil,
        tracestate: String? = nil
    ) {
        self.account = account
        self.type = type
        self.data = data
        self.id = id
        self.traceparent = traceparent
        self.tracestate = tracestate
    }
}

/// `Events.Publish`: either one event (`account`, `type`, `data`, `id`) or a batch
/// (`events`), never both. A batch is all or nothing.
public struct EventPublishParams: Codable, Sendable, Equatable {
    public var account: String?
    public var type: String?
    public var data: JSONValue?
    public var id: String?
    public var traceparent: String?
    public var tracestate: String?
    public var events: [EventInput]?

    public init(_ event: EventInput) {
        account = event.account
        type = event.type
        data = event.data
        id = event.id
        traceparent = event.traceparent
        tracestate = event.tracestate
    }

    public init(batch: [EventInput]) {
        events = batch
    }
}

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

/// `Events.Publish` with a batch.
public struct PublishBatchResult: Codable, Sendable, Equatable {
    public var events: [PublishedEvent]
    public init(events: [PublishedEvent]) { self.events = events }
}

/// `Events.Get` params and `Deliveries.Get` params.
public struct IdParams: Codable, Sendable, Equatable {
    public var id: String
    public init(id: String) { self.id = id }
}

/// `Events.Get`: the event and where it went.
public struct EventDetail: Codable, Sendable, Equatable {
    public var event: Event
    public var deliveries: [Delivery]
    public init(event: Event, deliveries: [Delivery]) {
        self.event = event
        self.deliveries = deliveries
    }
}

/// `Events.List`.
public struct EventListParams: Codable, Sendable, Equatable {
    public var account: String?
    public var type: String?
    /// At most this many, newest first (default 50, at most 1000).
    public var limit: Int?
    public init(account: String? = nil, type: String? = nil, limit: Int? = nil) {
        self.account = account
        self.type = type
        self.limit = limit
    }
}
