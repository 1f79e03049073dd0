internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Counts of accounts, event types, webhooks, events, and deliveries by status (every
    /// status present).
    public func statistics() async throws -> ResourceCounts {
        try await database.read { db in
            var deliveries = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0.rawValue, 0) })
            let rows = try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS count FROM deliveries GROUP BY status")
            for row in rows {
                deliveries[row["status"], default: 0] += row["count"] as Int
            }
            return ResourceCounts(
                accounts: try AccountRecord.fetchCount(db), eventTypes: try EventTypeRecord.fetchCount(db),
                webhooks: try WebhookRecord.fetchCount(db), events: try EventRecord.fetchCount(db),
                deliveries: deliveries)
        }
    }
}
