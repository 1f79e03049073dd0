/// The configuration a set of manifests declares: what `Manifests.Plan` and
/// `Manifests.Apply` compare the live state with.
///
/// Fields hold what the manifests wrote (durations and patterns as text) so the daemon
/// checks them with the same rules as `Webhooks.Create`; an omitted field means its default.
public struct DesiredState: Sendable, Equatable, Codable {
    public var accounts: [AccountSpec]
    public var eventTypes: [EventTypeSpec]
    public var webhooks: [WebhookSpec]

    public init(accounts: [AccountSpec] = [], eventTypes: [EventTypeSpec] = [], webhooks: [WebhookSpec] = []) {
        self.accounts = accounts
        self.eventTypes = eventTypes
        self.webhooks = webhooks
    }

    /// How many resources it declares.
    public var count: Int { accounts.count + eventTypes.count + webhooks.count }
}

/// The kinds of resource that configuration as code manages, named as manifests write them.
public enum ConfigurationKind: String, Sendable, Codable, CaseIterable, Comparable {
    case account = "Account"
    case eventType = "EventType"
    case webhook = "Webhook"

    /// Creation order: accounts before the event types and webhooks that need them.
    public var creationOrder: Int {
        switch self {
        case .account: 0
        case .eventType: 1
        case .webhook: 2
        }
    }

    public static func < (lhs: ConfigurationKind, rhs: ConfigurationKind) -> Bool { lhs.creationOrder < rhs.creationOrder }
}

/// A resource's identity: (kind, account, name). Only webhooks have an account.
public struct ResourceKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var kind: ConfigurationKind
    public var account: String?
    public var name: String

    public init(kind: ConfigurationKind, account: String? = nil, name: String) {
        self.kind = kind
        self.account = account
        self.name = name
    }

    /// `NAME`, or `ACCOUNT/NAME` for a webhook.
    public var qualifiedName: String { account.map { "\($0)/\(name)" } ?? name }

    /// `Webhook acc_12345/crm-sync`.
    public var description: String { "\(kind.rawValue) \(qualifiedName)" }

    public static func < (lhs: ResourceKey, rhs: ResourceKey) -> Bool {
        (lhs.kind, lhs.account ?? "", lhs.name) < (rhs.kind, rhs.account ?? "", rhs.name)
    }
}

/// An `Account` manifest.
public struct AccountSpec: Sendable, Equatable, Codable {
    public var name: String
    /// Most webhooks; `nil` for no limit.
    public var maxWebhooks: Int?
    /// Event-type patterns the plan allows; `nil` means the default, `["*"]`.
    public var eventTypes: [String]?

    public init(name: String, maxWebhooks: Int? = nil, eventTypes: [String]? = nil) {
        self.name = name
        self.maxWebhooks = maxWebhooks
        self.eventTypes = eventTypes
    }

    public var key: ResourceKey { ResourceKey(kind: .account, name: name) }
}

/// An `EventType` manifest, with its schema already read (a `$ref` to a file is resolved
/// by the client that read the manifests).
public struct EventTypeSpec: Sendable, Equatable, Codable {
    public var name: String
    public var description: String?
    public var schema: JSONValue?
    public var example: JSONValue?

    public init(name: String, description: String? = nil, schema: JSONValue? = nil, example: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.schema = schema
        self.example = example
    }

    public var key: ResourceKey { ResourceKey(kind: .eventType, name: name) }
}

/// A `Webhook` manifest.
public struct WebhookSpec: Sendable, Equatable, Codable {
    public var account: String
    public var name: String
    public var url: String
    /// `nil` means enabled.
    public var enabled: Bool?
    public var events: [String]
    /// The signing secret (`whsec_...`) resolved from `fromEnv`/`fromFile`; `nil` when the
    /// manifest names none: generated on create, the current one kept afterwards.
    public var secret: String?
    public var timeout: String?
    /// Retry delays; `nil` means the default schedule.
    public var retry: [String]?
    /// Requests per second at most; `nil` or 0 for no limit.
    public var rateLimit: Int?
    public var headers: [String: String]?
    public var description: String?
    public var labels: [String: String]?
    /// `unordered` (the default) or `fifo`.
    public var ordering: String?
    /// How deliveries are signed; `nil` means Standard Webhooks.
    public var signature: WebhookSignatureSettings?
    /// Only events whose `data` this matches are delivered; `nil` for every event.
    public var filter: JSONValue?

    public init(
        account: String, name: String, url: String, enabled: Bool? = nil, events: [String], secret: String? = nil,
        timeout: String? = nil, retry: [String]? = nil, rateLimit: Int? = nil, headers: [String: String]? = nil,
        description: String? = nil, labels: [String: String]? = nil, ordering: String? = nil,
        signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil
    ) {
        self.ordering = ordering
        self.signature = signature
        self.filter = filter
        self.account = account
        self.name = name
        self.url = url
        self.enabled = enabled
        self.events = events
        self.secret = secret
        self.timeout = timeout
        self.retry = retry
        self.rateLimit = rateLimit
        self.headers = headers
        self.description = description
        self.labels = labels
    }

    public var key: ResourceKey { ResourceKey(kind: .webhook, account: account, name: name) }
}
