/// The live configuration at one state revision, read in one transaction.
public struct ConfigurationSnapshot: Sendable, Equatable {
    public var stateRevision: Int64
    public var accounts: [Account]
    public var eventTypes: [EventType]
    public var webhooks: [Webhook]

    public init(stateRevision: Int64, accounts: [Account], eventTypes: [EventType], webhooks: [Webhook]) {
        self.stateRevision = stateRevision
        self.accounts = accounts
        self.eventTypes = eventTypes
        self.webhooks = webhooks
    }
}

/// One write of a configuration apply. An apply's writes run in one transaction, in order.
public enum ConfigurationWrite: Sendable, Equatable {
    case createAccount(Account)
    case updateAccount(Account)
    case deleteAccount(name: String)
    case createEventType(EventType)
    case updateEventType(EventType)
    case deleteEventType(name: String)
    case createWebhook(Webhook)
    case updateWebhook(Webhook)
    case deleteWebhook(Webhook)
}
