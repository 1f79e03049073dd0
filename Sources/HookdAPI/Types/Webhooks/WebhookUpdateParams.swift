import Foundation
import HookdCore

/// `Webhooks.Update`: every field given replaces the current value; omitted fields stay.
public struct WebhookUpdateParams: Codable, Sendable, Equatable {
    public var webhook: String
    public var url: String?
    public var events: [String]?
    public var secret: String?
    public var retry: [String]?
    public var timeout: String?
    /// `perSecond: 0` removes the limit.
    public var rateLimit: RateLimit?
    /// `unordered` or `fifo`.
    public var ordering: String?
    public var headers: [String: String]?
    /// Replaces the whole signature setting (members omitted take their defaults).
    public var signature: WebhookSignatureSettings?
    /// Replaces the filter; `{}` removes it.
    public var filter: JSONValue?
    public var description: String?
    public var labels: [String: String]?

    public init(
        webhook: String, url: String? = nil, events: [String]? = nil, secret: String? = nil, retry: [String]? = nil,
        timeout: String? = nil, rateLimit: RateLimit? = nil, ordering: String? = nil, headers: [String: String]? = nil,
        signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil, description: String? = nil,
        labels: [String: String]? = nil
    ) {
        self.signature = signature
        self.filter = filter
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.webhook = webhook
        self.url = url
        self.events = events
        self.secret = secret
        self.retry = retry
        self.timeout = timeout
        self.headers = headers
        self.description = description
        self.labels = labels
    }
}
