/// A cap on how fast one webhook is sent to, as the manifest writes it:
/// `rateLimit: { perSecond: 50 }`.
public struct RateLimit: Sendable, Hashable, Codable {
    /// Requests at most in any one-second window, as the receiver sees them arrive.
    public var perSecond: Int

    /// The range accepted for `perSecond`.
    public static let range = 1...100_000

    public init(perSecond: Int) {
        self.perSecond = perSecond
    }
}
