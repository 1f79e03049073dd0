import HookdCore

/// `Deliveries.List`.
public struct DeliveryListParams: Codable, Sendable, Equatable {
    /// `NAME` or `ACCOUNT/NAME`.
    public var webhook: String?
    /// `pending`, `scheduled`, `delivered`, `failed` or `skipped`.
    public var status: String?
    /// Only deliveries of this event.
    public var event: String?
    /// At most this many, newest first (default 50, at most 1000).
    public var limit: Int?

    public init(webhook: String? = nil, status: String? = nil, event: String? = nil, limit: Int? = nil) {
        self.webhook = webhook
        self.status = status
        self.event = event
        self.limit = limit
    }
}
