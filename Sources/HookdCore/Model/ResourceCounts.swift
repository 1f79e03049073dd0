/// How many of each resource the store holds: `Daemon.Status` shows it as it is.
public struct ResourceCounts: Sendable, Equatable, Codable {
    public var accounts: Int
    public var eventTypes: Int
    public var webhooks: Int
    public var events: Int
    /// Deliveries by status; every status is present, zero when none.
    public var deliveries: [String: Int]

    public init(accounts: Int, eventTypes: Int, webhooks: Int, events: Int, deliveries: [String: Int]) {
        self.accounts = accounts
        self.eventTypes = eventTypes
        self.webhooks = webhooks
        self.events = events
        self.deliveries = deliveries
    }
}
