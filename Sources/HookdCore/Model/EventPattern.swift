/// A subscription to event types: `*` (all), `customer.*` (a family) or an exact name.
public struct EventPattern: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String

    /// Every event type.
    public static let all = EventPattern(unchecked: "*")

    private init(unchecked text: String) { self.text = text }

    /// Checks the syntax; throws a message naming what is wrong.
    public init(_ text: String) throws(HookdError) {
        if text == "*" {
            self.text = text
            return
        }
        let name = text.hasSuffix(".*") ? String(text.dropLast(2)) : text
        if let problem = Names.eventTypeProblem(name) {
            throw .invalidArgument("invalid event pattern \"\(text)\": \(problem)")
        }
        self.text = text
    }

    /// The prefix before `.*`, when this is a family pattern.
    private var familyPrefix: String? {
        text.hasSuffix(".*") ? String(text.dropLast(1)) : nil
    }

    /// True when the pattern names exactly one event type.
    public var isExact: Bool { text != "*" && familyPrefix == nil }

    /// Whether an event of `type` matches: `customer.*` matches `customer.created` and
    /// `customer.deleted`, but not `customer` or `customers.created`. `*` matches every
    /// platform event but not hookd's own `hookd.*` events, which go only to webhooks that
    /// name them (so an "all events" endpoint is not sent reports about itself).
    public func matches(_ type: String) -> Bool {
        if text == "*" { return !OperationalEvent.isOperational(type) }
        if let prefix = familyPrefix { return type.hasPrefix(prefix) }
        return type == text
    }

    /// Whether every type `other` matches is also matched by this pattern.
    public func covers(_ other: EventPattern) -> Bool {
        if text == "*" { return true }
        if other.text == "*" { return false }
        if let prefix = familyPrefix {
            return other.text.hasPrefix(prefix)
        }
        return other.text == text
    }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
