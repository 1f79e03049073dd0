import HookdCore

/// `Deliveries.Watch`: which deliveries to follow; every member narrows, none watches all.
public struct DeliveryWatchParams: Codable, Sendable, Equatable {
    /// Only this account's deliveries.
    public var account: String?
    /// Only this webhook's: `NAME` or `ACCOUNT/NAME`.
    public var webhook: String?
    /// Only deliveries of these event types: a name, `family.*` or `*`.
    public var eventType: String?
    /// Only changes that leave a delivery in this status (`pending`, `scheduled`, ...).
    public var status: String?
    /// How many recent matching deliveries the answer holds (default 20, or 0 with `after`; 0 to 1000).
    public var snapshot: Int?
    /// Resume after this cursor (the last one seen): the changes since come first, if the
    /// daemon still holds them; refused with `hookd.CursorExpired` otherwise.
    public var after: Int64?

    public init(
        account: String? = nil, webhook: String? = nil, eventType: String? = nil, status: String? = nil,
        snapshot: Int? = nil, after: Int64? = nil
    ) {
        self.account = account
        self.webhook = webhook
        self.eventType = eventType
        self.status = status
        self.snapshot = snapshot
        self.after = after
    }
}
