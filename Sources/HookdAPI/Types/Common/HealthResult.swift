import Foundation
import HookdCore

/// `Daemon.Health`.
public struct HealthResult: Codable, Sendable, Equatable {
    /// `ok` while the daemon serves and its store answers and takes writes; `degraded` while
    /// writes fail for a storage fault (disk full, read-only), which ``reason`` and ``cause``
    /// name.
    public var status: String
    /// The fault's reason (`hookd.StorageFull`, `hookd.StorageReadOnly`) when degraded.
    public var reason: String?
    /// What is wrong and what to do, in a sentence, when degraded.
    public var cause: String?

    public init(status: String, reason: String? = nil, cause: String? = nil) {
        self.status = status
        self.reason = reason
        self.cause = cause
    }
}
