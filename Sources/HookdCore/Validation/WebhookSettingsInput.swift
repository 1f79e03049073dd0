/// The settings a webhook create or update asks for, as given and not yet checked; `nil`
/// means "not given" (for an update: keep what the webhook has; for a create: the default).
public struct WebhookSettingsInput: Sendable, Equatable {
    public var url: String?
    public var events: [String]?
    public var secret: String?
    public var retry: [String]?
    public var timeout: String?
    public var rateLimit: RateLimit?
    public var ordering: String?
    public var headers: [String: String]?
    public var signature: WebhookSignatureSettings?
    public var filter: JSONValue?
    public var labels: [String: String]?
    /// For an update, an empty description clears it.
    public var description: String?

    public init(
        url: String? = nil, events: [String]? = nil, secret: String? = nil, retry: [String]? = nil,
        timeout: String? = nil, rateLimit: RateLimit? = nil, ordering: String? = nil, headers: [String: String]? = nil,
        signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil, labels: [String: String]? = nil,
        description: String? = nil
    ) {
        self.url = url
        self.events = events
        self.secret = secret
        self.retry = retry
        self.timeout = timeout
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.headers = headers
        self.signature = signature
        self.filter = filter
        self.labels = labels
        self.description = description
    }
}
