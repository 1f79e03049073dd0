import Foundation
internal import GRDB
import HookdCore

/// One delivery at a time: reading its work, its place among due deliveries, and writing
/// its state. The engine goes through `DeliveryQueue` in batches instead; these serve tests
/// and tools that look at or set up one delivery.
extension SQLiteStore {
    /// The delivery, its webhook and the stored envelope bytes, while the delivery is
    /// `pending` or `scheduled`; `nil` otherwise or when it is gone.
    public func work(deliveryId: String) async throws -> DeliveryWork? {
        try await database.read { db in
            guard let record = try DeliveryRecord.fetchOne(db, key: deliveryId) else { return nil }
            let delivery = try record.delivery()
            guard delivery.status.isAwaitingAttempt,
                let webhook = try WebhookRecord.fetchOne(db, key: delivery.webhookId)?.webhook(sealer: self.secretSealer),
                let event = try EventRecord.fetchOne(db, key: delivery.eventId)
            else { return nil }
            return DeliveryWork(delivery: delivery, webhook: webhook, body: event.body, traceContext: event.traceContext)
        }
    }

    /// The deliveries that await an attempt, earliest due first (ties by id).
    public func dueDeliveries(limit: Int) async throws -> [DueDelivery] {
        try await database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT deliveries.id, deliveries.webhook_id, deliveries.next_attempt_at, deliveries.status,
                        deliveries.attempts, deliveries.next_trigger, webhooks.ordering
                    FROM deliveries JOIN webhooks ON webhooks.id = deliveries.webhook_id
                    WHERE deliveries.status IN ('pending', 'scheduled')
                    ORDER BY deliveries.next_attempt_at, deliveries.id
                    LIMIT ?
                    """,
                arguments: [max(0, limit)])
            return try rows.map { row in
                let ordering: String = row["ordering"]
                guard let parsed = WebhookOrdering(rawValue: ordering) else {
                    throw StoredValueError(table: WebhookRecord.databaseTableName, column: "ordering", value: ordering)
                }
                return Self.dueDelivery(row, ordering: parsed)
            }
        }
    }

    /// A due delivery from a row holding `id`, `webhook_id`, `next_attempt_at`, `status`,
    /// `attempts` and `next_trigger`.
    static func dueDelivery(_ row: Row, ordering: WebhookOrdering) -> DueDelivery {
        let status: String = row["status"]
        let attempts: Int = row["attempts"]
        let trigger: String = row["next_trigger"]
        return DueDelivery(
            deliveryId: row["id"], webhookId: row["webhook_id"],
            // An awaiting delivery always has a due time; a missing one means "now".
            dueAt: (row["next_attempt_at"] as Int64?).map(Date.init(storedMilliseconds:)) ?? Date(),
            // As `Delivery.awaitsFirstAttempt`.
            isFirstAttempt: status == DeliveryStatus.pending.rawValue && attempts == 0
                && trigger != AttemptTrigger.recover.rawValue,
            ordering: ordering)
    }

    /// Records an attempt and the delivery's new state in one transaction; `NOT_FOUND` when
    /// the delivery is gone (its webhook was deleted during the attempt).
    public func record(_ attempt: Attempt, updating delivery: Delivery) async throws {
        guard attempt.deliveryId == delivery.id else {
            throw HookdError.invalidArgument(
                "attempt of delivery \(attempt.deliveryId) recorded against delivery \(delivery.id)")
        }
        try await database.write { db in
            try DeliveryRecord.replace(with: delivery, in: db)
            try AttemptRecord(attempt).insert(db)
        }
    }

    /// Saves a delivery's new state without an attempt; `NOT_FOUND` when it is gone.
    public func update(_ delivery: Delivery) async throws {
        try await database.write { db in
            try DeliveryRecord.replace(with: delivery, in: db)
        }
    }
}
