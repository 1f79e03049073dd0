/// Whether a filter lets an event through, and the reason in words
/// (`amount is 50, not >= 100`).
public struct FilterVerdict: Sendable, Equatable, Codable {
    public var matches: Bool
    public var reason: String

    public init(matches: Bool, reason: String) {
        self.matches = matches
        self.reason = reason
    }
}
