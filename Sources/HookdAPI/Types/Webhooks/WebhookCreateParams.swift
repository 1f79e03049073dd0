import Foundation
import HookdCore

/// `Webhooks.Create`.
public struct WebhookCreateParams: Codable, Sendable, Equatable {
    public var account: String
    public var name: String
    public var url: String
    /// Event-type patterns: exact names, `family.*` or `*`.
    public var events: [String]
    /// `whsec_<base64>`; generated when omitted.
    public var secret: String?
    /// Defaults to true.
    public var enabled: Bool?
    /// Delays after the first attempt, e.g. `["1m", "5m", "30m"]` (the default).
    public var retry: [String]?
    /// Per-attempt timeout, e.g. `10s` (the default).
    public var timeout: String?
    /// At most this many requests per second (`perSecond: 0` or omitted: no limit).
    public var rateLimit: RateLimit?
    /// `unordered` (the default) or `fifo`: one delivery in flight at a time, in publish order.
    public var ordering: String?
    public var headers: [String: String]?
    /// How deliveries are signed; omitted: Standard Webhooks.
    public var signature: WebhookSignatureSettings?
    /// Only events whose `data` this matches are delivered (`{ path, OPERATOR: VALUE }`,
    /// `all`/`any`/`not`); omitted or `{}`: every event.
    public var filter: JSONValue?
    public var description: String?
    public var labels: [String: String]?

    public init(
        account: String, name: String, url: String, events: [String], secret: String? = nil, enabled: Bool? = nil,
        retry: [String]? = nil, timeout: String? = nil, rateLimit: RateLimit? = nil, ordering: String? = nil,
        headers: [String: String]? = nil, signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil,
        description: String? = nil, labels: [String: String]? = nil
    ) {
        self.signature = signature
        self.filter = filter
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.account = account
        self.name = name
        self.url = url
        self.events = events
        self.secret = secret
        self.enabled = enabled
        self.retry = retry
        self.timeout = timeout
        self.headers = headers
        self.description = description
        self.labels = labels
    }
}
