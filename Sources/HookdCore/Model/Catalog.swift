/// The accounts and event types as last committed: what checking a publish needs, read
/// from memory instead of the database (`Store.catalog()`).
public struct Catalog: Sendable, Equatable {
    /// Every account, by name.
    public var accounts: [String: Account]
    /// Every event type, by name.
    public var eventTypes: [String: EventType]

    public init(accounts: [String: Account] = [:], eventTypes: [String: EventType] = [:]) {
        self.accounts = accounts
        self.eventTypes = eventTypes
    }
}
