/// One event as a producer asks to publish it, before `PublishRules` has checked it.
public struct EventDraft: Sendable, Equatable {
    public var account: String
    public var type: String
    public var data: JSONValue
    /// The producer's id; hookd makes one when it is `nil`.
    public var id: String?
    /// Where the event sits in the request (`events[3].`, or empty for a single event):
    /// the prefix of every violation's field.
    public var field: String
    /// The W3C trace context to pass on to receivers, unchecked.
    public var traceparent: String?
    public var tracestate: String?

    public init(
        account: String, type: String, data: JSONValue, id: String?, field: String = "", traceparent: String? = nil,
        tracestate: String? = nil
    ) {
        self.account = account
        self.type = type
        self.data = data
        self.id = id
        self.field = field
        self.traceparent = traceparent
        self.tracestate = tracestate
    }
}
