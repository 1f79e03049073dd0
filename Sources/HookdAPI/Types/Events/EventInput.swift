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
