internal import GRDB
import Foundation

extension SQLiteStore {
    /// The node using the store (one daemon at a time on SQLite), with what it holds.
    public func nodes() async throws -> [QueueNode] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, n.started, n.heartbeat,
                        (SELECT COUNT(*) FROM deliveries d WHERE d.lease_owner = n.id) AS held
                    FROM queue_nodes n ORDER BY n.id
                    """
            ).map { row in
                QueueNode(
                    id: row["id"], started: Date(storedMilliseconds: row["started"]),
                    heartbeat: Date(storedMilliseconds: row["heartbeat"]), held: row["held"])
            }
        }
    }
}
