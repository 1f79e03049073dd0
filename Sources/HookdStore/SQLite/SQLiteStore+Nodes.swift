internal import GRDB
import Foundation

extension SQLiteStore {
    /// Each node with how many awaiting deliveries it holds (an ended delivery is let go).
    /// The count searches the status index (`deliveries_on_status_next_attempt_at`) for
    /// awaiting work instead of reading every delivery ever made: `Daemon.Status` asks this
    /// on every call.
    static let nodesQuery = """
        SELECT n.id, n.started, n.heartbeat,
            (SELECT COUNT(*) FROM deliveries d
             WHERE d.status IN ('pending', 'scheduled') AND d.lease_owner = n.id) AS held
        FROM queue_nodes n ORDER BY n.id
        """

    /// The node using the store (one daemon at a time on SQLite), with what it holds.
    public func nodes() async throws -> [QueueNode] {
        try await database.read { db in
            try Row.fetchAll(db, sql: Self.nodesQuery).map { row in
                QueueNode(
                    id: row["id"], started: Date(storedMilliseconds: row["started"]),
                    heartbeat: Date(storedMilliseconds: row["heartbeat"]), held: row["held"])
            }
        }
    }
}
