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
    public var data: JSONValue

    public init(id: String, account: String, type: String, timestamp: Date, data: JSONValue) {
        self.id = id
        self.account = account
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }

    /// The exact bytes POSTed for this event: the envelope
    /// `{event_type, event_id, timestamp, account_id, data}` in that order, compact JSON.
    public func envelopeBody() throws -> Data {
        let encoder = JSONCoding.canonicalEncoder
        var body = Data("{\"event_type\":".utf8)
        body += try encoder.encode(type)
        body += Data(",\"event_id\":".utf8)
        body += try encoder.encode(id)
        body += Data(",\"timestamp\":".utf8)
        body += try encoder.encode(Timestamp.format(timestamp))
        body += Data(",\"account_id\":".utf8)
        body += try encoder.encode(account)
        body += Data(",\"data\":".utf8)
        body += try data.canonicalData()
        body += Data("}".utf8)
        return body
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
