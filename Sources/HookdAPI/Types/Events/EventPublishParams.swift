import HookdCore

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
