import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Reads, updates and writes the webhook's health in one transaction.
    public func recordEnd(of delivery: Delivery, at now: Date) async throws -> (before: WebhookHealth, after: WebhookHealth) {
        try await database.write { db in
            try Self.foldHealth(of: delivery, at: now, in: db)
        }
    }

    /// Folds how `delivery` ended into its webhook's health inside a caller's transaction;
    /// returns the health before and after.
    static func foldHealth(of delivery: Delivery, at now: Date, in db: Database) throws
        -> (before: WebhookHealth, after: WebhookHealth)
    {
        var known: [String: WebhookHealth] = [:]
        return try foldHealth(of: delivery, at: now, known: &known, in: db)
    }

    /// `foldHealth` for many ends in one transaction: `known` keeps each webhook's health as
    /// this transaction last read or wrote it, so a batch of ends to one webhook reads its row
    /// once (nothing else writes `webhook_health` inside the writer's transaction).
    static func foldHealth(
        of delivery: Delivery, at now: Date, known: inout [String: WebhookHealth], in db: Database
    ) throws -> (before: WebhookHealth, after: WebhookHealth) {
        let current: WebhookHealth
        if let health = known[delivery.webhookId] {
            current = health
        } else {
            let read = try db.cachedStatement(
                sql: "SELECT consecutive_exhausted, failing_since FROM webhook_health WHERE webhook_id = ?")
            let row = try Row.fetchOne(read, arguments: [delivery.webhookId])
            current =
                row.map {
                    WebhookHealth(
                        consecutiveExhausted: $0["consecutive_exhausted"],
                        failingSince: ($0["failing_since"] as Int64?).map(Date.init(storedMilliseconds:)))
                } ?? .healthy
        }
        let next = current.after(deliveryEndedAs: delivery.status, at: now)
        guard next != current else {
            known[delivery.webhookId] = current
            return (current, next)
        }
        guard try WebhookRecord.exists(db, key: delivery.webhookId) else {
            known[delivery.webhookId] = nil
            return (current, next)
        }
        let write = try db.cachedStatement(
            sql: """
                INSERT INTO webhook_health (webhook_id, consecutive_exhausted, failing_since) VALUES (?, ?, ?)
                ON CONFLICT(webhook_id) DO UPDATE SET
                    consecutive_exhausted = excluded.consecutive_exhausted, failing_since = excluded.failing_since
                """)
        try write.execute(arguments: [delivery.webhookId, next.consecutiveExhausted, next.failingSince?.storedMilliseconds])
        known[delivery.webhookId] = next
        return (current, next)
    }
}
