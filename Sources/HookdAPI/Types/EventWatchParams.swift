import HookdCore

/// `Events.Watch`: which events to follow; every member narrows, none watches all.
public struct EventWatchParams: Codable, Sendable, Equatable {
    /// Only this account's events.
    public var account: String?
    /// Only these event types: a name, `family.*` or `*`.
    public var type: String?
    /// How many recent matching events the answer holds (default 20, 0 to 1000).
    public var snapshot: Int?

    public init(account: String? = nil, type: String? = nil, snapshot: Int? = nil) {
        self.account = account
        self.type = type
        self.snapshot = snapshot
    }
}
