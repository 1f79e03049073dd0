import Foundation
import HookdCore
internal import PostgresNIO

/// One delivery at a time, as `SQLiteStore` offers it to tests and tools; the engine goes
/// through `DeliveryQueue` in batches instead.
extension PostgresStore {
    /// The delivery, its webhook and the stored envelope bytes, while the delivery awaits
    /// an attempt; `nil` otherwise or when it is gone.
    public func work(deliveryId: String) async throws -> DeliveryWork? {
        let sealer = secretSealer
        return try await read { session in
            var fanOut = PostgresFanOut(sealer: sealer)
            return try await Self.queuedWork(deliveryId: deliveryId, fanOut: &fanOut, in: session)
        }
    }

    /// The deliveries that await an attempt, earliest due first (ties by id).
    public func dueDeliveries(limit: Int) async throws -> [DueDelivery] {
        try await read { session in
            try await session.rows(
                """
                SELECT d.id, d.webhook_id, d.next_attempt_at, d.status, d.attempts, d.next_trigger, w.ordering
                FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.status IN ('pending', 'scheduled')
                ORDER BY d.next_attempt_at, d.id LIMIT \(max(0, limit))
                """
            ).map { row in
                let ordering = try row.get("ordering", as: String.self)
                guard let parsed = WebhookOrdering(rawValue: ordering) else {
                    throw StoredValueError(table: WebhookRecord.databaseTableName, column: "ordering", value: ordering)
                }
                return try Self.dueDelivery(row, ordering: parsed)
            }
        }
    }

    /// Records an attempt and the delivery's new state in one transaction; `NOT_FOUND` when
    /// the delivery is gone.
    public func record(_ attempt: Attempt, updating delivery: Delivery) async throws {
        guard attempt.deliveryId == delivery.id else {
            throw HookdError.invalidArgument(
                "attempt of delivery \(attempt.deliveryId) recorded against delivery \(delivery.id)")
        }
        let attemptRecord = try AttemptRecord(attempt)
        try await write { session in
            try await Self.replace(with: delivery, in: session)
            try await Self.insert(attemptRecord, in: session)
        }
    }

    /// Saves a delivery's new state without an attempt; `NOT_FOUND` when it is gone.
    public func update(_ delivery: Delivery) async throws {
        try await write { session in try await Self.replace(with: delivery, in: session) }
    }

    /// Saves `delivery`'s state over its row, keeping its place in line, hold and fifo mark.
    private static func replace(with delivery: Delivery, in session: PostgresSession) async throws {
        let r = DeliveryRecord(delivery)
        let updated = try await session.count(
            """
            UPDATE deliveries SET event_id = \(r.eventId), event_type = \(r.eventType), account = \(r.account),
                webhook_id = \(r.webhookId), webhook_name = \(r.webhookName), status = \(r.status),
                attempts = \(r.attempts), next_attempt_at = \(r.nextAttemptAt), last_attempt_at = \(r.lastAttemptAt),
                last_status_code = \(r.lastStatusCode), last_error = \(r.lastError), next_trigger = \(r.nextTrigger),
                created = \(r.created), updated = \(r.updated)
            WHERE id = \(r.id) RETURNING id
            """)
        guard updated > 0 else { throw HookdError.notFound(.delivery, delivery.id) }
    }
}
