/// Whether a webhook takes its deliveries in any order or one at a time in publish order.
public enum WebhookOrdering: String, Sendable, Codable, CaseIterable {
    /// Deliveries go out as they come due, several at once (up to the in-flight limits);
    /// a retry does not hold back later events.
    case unordered
    /// One delivery in flight at a time, in publish order: the next starts only once the
    /// one before it has ended (delivered, failed after its schedule, or skipped), so a
    /// failing head waits out its retries and holds back that webhook's later events.
    case fifo

    /// `unordered, fifo`, for error messages.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
