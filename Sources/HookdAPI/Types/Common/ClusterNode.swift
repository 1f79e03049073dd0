import Foundation

/// One daemon listed in the store as a holder of work (`Daemon.Status`): on PostgreSQL every
/// daemon sharing the database, on SQLite the one daemon.
public struct ClusterNode: Codable, Sendable, Equatable {
    /// Its node id (`hookd --node-id`).
    public var id: String
    /// When it registered.
    public var startedAt: Date
    /// When it last said it was alive.
    public var heartbeatAt: Date
    /// Whether its heartbeat is fresh; a dead node's deliveries go to the next claim.
    public var alive: Bool
    /// How many deliveries it holds (in memory, waiting or under way).
    public var held: Int

    public init(id: String, startedAt: Date, heartbeatAt: Date, alive: Bool, held: Int) {
        self.id = id
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.alive = alive
        self.held = held
    }
}
