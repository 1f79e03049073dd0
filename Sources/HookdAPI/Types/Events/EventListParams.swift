import HookdCore

/// `Events.List`.
public struct EventListParams: Codable, Sendable, Equatable {
    public var account: String?
    public var type: String?
    /// At most this many, newest first (default 50, at most 1000).
    public var limit: Int?
    public init(account: String? = nil, type: String? = nil, limit: Int? = nil) {
        self.account = account
        self.type = type
        self.limit = limit
    }
}
