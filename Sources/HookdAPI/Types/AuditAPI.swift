import HookdCore

/// `Audit.List` params: which entries of the audit log, newest first.
public struct AuditListParams: Codable, Sendable, Equatable {
    /// Entries from this long ago on (`24h`, `7d`); all when absent.
    public var since: String?
    /// Only this user's calls.
    public var uid: UInt32?
    /// At most this many (default 100, at most 10,000).
    public var limit: Int?

    public init(since: String? = nil, uid: UInt32? = nil, limit: Int? = nil) {
        self.since = since
        self.uid = uid
        self.limit = limit
    }
}
