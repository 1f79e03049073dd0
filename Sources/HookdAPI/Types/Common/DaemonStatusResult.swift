import Foundation
import HookdCore

/// `Daemon.Status`: what is running, where, and how much it holds.
public struct DaemonStatusResult: Codable, Sendable, Equatable {
    public var version: String
    public var pid: Int32
    public var startedAt: Date
    public var uptimeSeconds: Int64
    public var socket: String
    public var dataDir: String
    /// `sqlite` (the embedded default) or `postgres` (`hookd --database`).
    public var store: String
    /// `full` or `normal` (`hookd --durability`); absent from daemons before it existed and
    /// on PostgreSQL, which decides its own.
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
    /// The longest request the daemon reads in one call, in bytes (`hookd
    /// --max-request-bytes`); absent from daemons before it could be set, which take 4 MiB.
    public var maxRequestBytes: Int?
    /// This daemon's node id (`hookd --node-id`); absent from daemons before it was shown.
    public var nodeId: String?
    /// Every daemon on the store with its last heartbeat and what it holds, by node id;
    /// absent from daemons before it was shown.
    public var nodes: [ClusterNode]?

    public init(
        version: String, pid: Int32, startedAt: Date, uptimeSeconds: Int64, socket: String, dataDir: String,
        store: String, allowInsecureTargets: Bool, allowedTargets: [String]? = nil, queued: Int, inFlight: Int,
        queuedRetries: Int? = nil, inFlightRetries: Int? = nil, counts: ResourceCounts, durability: String? = nil,
        maxRequestBytes: Int? = nil, nodeId: String? = nil, nodes: [ClusterNode]? = nil
    ) {
        self.nodeId = nodeId
        self.nodes = nodes
        self.maxRequestBytes = maxRequestBytes
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
