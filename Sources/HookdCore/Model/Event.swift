import Foundation

/// Something that happened on the platform, as a producer published it.
public struct Event: Sendable, Equatable, Codable {
    /// The producer's or hookd's identifier (`evt_...`); sent as `webhook-id`.
    public var id: String
    /// The account the event belongs to.
    public var account: String
    /// The event type, e.g. `reward.issued`.
    public var type: String
    /// When hookd accepted it; the envelope's `timestamp`.
    public var timestamp: Date
    /// The event's payload; always a JSON object.
    public var data: JSONValue {
        didSet { writtenData = nil }
    }
    /// The producer's W3C `traceparent`, sent with every attempt of every delivery.
    public var traceparent: String?
    /// The producer's W3C `tracestate`, sent beside `traceparent`.
    public var tracestate: String?
    /// `data`'s canonical JSON when it was already written (publishing measures the payload
    /// with it), so that storing the event and answering its producer do not write it again;
    /// forgotten when `data` changes. Derived from `data`, so neither encoded nor compared.
    var writtenData: Data?

    private enum CodingKeys: String, CodingKey {
        case id, account, type, timestamp, data, traceparent, tracestate
    }

    public static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.id == rhs.id && lhs.account == rhs.account && lhs.type == rhs.type && lhs.timestamp == rhs.timestamp
            && lhs.data == rhs.data && lhs.traceparent == rhs.traceparent && lhs.tracestate == rhs.tracestate
    }

    public init(
        id: String, account: String, type: String, timestamp: Date, data: JSONValue, traceparent: String? = nil,
        tracestate: String? = nil
    ) {
        self.id = id
        self.account = account
        self.type = type
        self.timestamp = timestamp
        self.data = data
        self.traceparent = traceparent
        self.tracestate = tracestate
    }

    /// The trace context receivers get; `nil` when the producer gave none.
    public var traceContext: TraceContext? {
        traceparent.map { TraceContext(traceparent: $0, tracestate: tracestate) }
    }

    /// The exact bytes POSTed for this event: the envelope
    /// `{event_type, event_id, timestamp, account_id, data}` in that order, compact JSON.
    public func envelopeBody() throws -> Data {
        try envelopeBody(dataJSON: canonicalData())
    }

    /// `data` as canonical JSON, written once per event.
    public func canonicalData() throws -> Data {
        try writtenData ?? data.canonicalData()
    }

    /// The envelope around `dataJSON`, the canonical JSON of `data` already written (the
    /// store keeps both, and writes the data once).
    public func envelopeBody(dataJSON: Data) -> Data {
        var writer = CanonicalJSONWriter()
        writer.writeObject { writer in
            writer.key("event_type")
            writer.write(type)
            writer.key("event_id")
            writer.write(id)
            writer.key("timestamp")
            writer.write(Timestamp.format(timestamp))
            writer.key("account_id")
            writer.write(account)
            writer.key("data")
            writer.writeRaw(json: dataJSON)
        }
        return writer.data
    }

    /// Longest producer-chosen event id hookd accepts.
    public static let maximumIdLength = 255

    /// Why `id` is not an acceptable event id, or `nil` when it is.
    ///
    /// It travels as the `webhook-id` header and in signatures, so: 1 to 255 visible ASCII
    /// characters without spaces.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "must not be empty" }
        if id.utf8.count > maximumIdLength { return "must be at most \(maximumIdLength) characters" }
        if id.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            return "must be visible ASCII characters without spaces"
        }
        return nil
    }
}
