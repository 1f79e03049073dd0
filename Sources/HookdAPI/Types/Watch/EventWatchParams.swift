import HookdCore

/// `Events.Watch`: which events to follow; every member narrows, none watches all.
public struct EventWatchParams: Codable, Sendable, Equatable {
    /// Only this account's events.
    public var account: String?
    /// Only these event types: a name, `family.*` or `*`.
    public var type: String?
    /// How many recent matching events the answer holds (default 20, or 0 with `after`; 0 to 1000).
    public var snapshot: Int?
    /// Resume after this cursor (the last one seen): the changes since come first, if the
    /// daemon still holds them; refused with `hookd.CursorExpired` otherwise.
    public var after: Int64?

    public init(account: String? = nil, type: String? = nil, snapshot: Int? = nil, after: Int64? = nil) {
        self.account = account
        self.type = type
        self.snapshot = snapshot
        self.after = after
    }
}
