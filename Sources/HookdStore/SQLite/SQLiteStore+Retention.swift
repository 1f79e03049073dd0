import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Deletes old events chunk by chunk; deliveries and attempts follow by cascade. Events
    /// with a delivery still pending or scheduled are kept whatever their age: retention never
    /// drops work that was acknowledged and not yet done.
    public func prune(before cutoff: Date, batchSize: Int) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM audit_log WHERE time < ?", arguments: [cutoff.storedMilliseconds])
        }
        var removed = 0
        while true {
            let count = try await database.write { db in
                try db.execute(
                    sql: """
                        DELETE FROM events WHERE id IN (
                            SELECT e.id FROM events e
                            WHERE e.timestamp < ?
                              AND NOT EXISTS (
                                  SELECT 1 FROM deliveries d
                                  WHERE d.event_id = e.id AND d.status IN ('pending', 'scheduled'))
                            LIMIT ?)
                        """,
                    arguments: [cutoff.storedMilliseconds, max(1, batchSize)])
                return db.changesCount
            }
            removed += count
            if count < max(1, batchSize) { return removed }
        }
    }
}
