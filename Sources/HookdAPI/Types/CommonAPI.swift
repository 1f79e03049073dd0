import Foundation
import HookdCore

/// Params of methods that take none.
public struct EmptyParams: Codable, Sendable, Equatable {
    public init() {}
}

/// Params naming one account or event type.
public struct NameParams: Codable, Sendable, Equatable {
    public var name: String
    public init(name: String) { self.name = name }
}

/// The answer of the `*.Delete` methods.
public struct DeletedResult: Codable, Sendable, Equatable {
    /// What was deleted, as the caller named it.
    public var name: String
    public var deleted: Bool
    public init(name: String) {
        self.name = name
        self.deleted = true
    }
}

/// `Daemon.Status`: what is running, where, and how much it holds.
public struct DaemonStatusResult: Codable, Sendable, Equatable {
    public var version: String
    public var pid: Int32
    public var startedAt: Date
    public var uptimeSeconds: Int64
    public var socket: String
    public var dataDir: String
    /// `sqlite` (the embedded default).
    public var store: String
    /// `full` or `normal` (`hookd --durability`); absent from daemons before it existed.
    public var durability: String?
    public var allowInsecureTargets: Bool
    /// The internal ranges webhooks may reach (`--allow-target`), as CIDR; absent when none.
    public var allowedTargets: [String]?
    /// Deliveries the engine holds in memory waiting for their time.
    public var queued: Int
    /// Attempts under way right now.
    public var inFlight: Int
    /// Of `queued`, the re-sends (retries, redeliveries, recoveries).
    public var queuedRetries: Int?
    /// Of `inFlight`, the re-sends.
    public var inFlightRetries: Int?
    public var counts: ResourceCounts

    public init(
        version: String, pid: Int32, startedAt: Date, uptimeSeconds: Int64, socket: String, dataDir: String,
        store: String, allowInsecureTargets: Bool, allowedTargets: [String]? = nil, queued: Int, inFlight: Int,
        queuedRetries: Int? = nil, inFlightRetries: Int? = nil, counts: ResourceCounts, durability: String? = nil
    ) {
        self.queuedRetries = queuedRetries
        self.inFlightRetries = inFlightRetries
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.socket = socket
        self.dataDir = dataDir
        self.store = store
        self.allowInsecureTargets = allowInsecureTargets
        self.allowedTargets = allowedTargets
        self.queued = queued
        self.inFlight = inFlight
        self.counts = counts
        self.durability = durability
    }
}

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
