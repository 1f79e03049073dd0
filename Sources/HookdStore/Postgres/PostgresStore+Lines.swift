import Foundation
import HookdCore
internal import PostgresNIO

/// Each webhook's line (see `SQLiteStore`'s): awaiting deliveries in publish order,
/// re-queued ones at the back.
extension PostgresStore {
    /// The awaiting delivery first in a fifo webhook's line; `nil` when none awaits, and for
    /// an unordered webhook, which has no line.
    public func lineHead(webhookId: String) async throws -> DueDelivery? {
        try await read { session in
            try await session.row(
                """
                SELECT id, webhook_id, next_attempt_at, status, attempts, next_trigger FROM deliveries
                WHERE webhook_id = \(webhookId) AND status IN ('pending', 'scheduled') AND fifo
                ORDER BY line_position, id LIMIT 1
                """
            ).map { try Self.dueDelivery($0, ordering: .fifo) }
        }
    }

    /// Re-queues ended deliveries at the back of their webhooks' lines, in the order they
    /// were first published, all in one transaction.
    public func requeue(deliveryIds: [String], trigger: AttemptTrigger, at now: Date) async throws -> [Delivery] {
        let now = now.storedPrecision
        var seen: Set<String> = []
        let ids = deliveryIds.filter { seen.insert($0).inserted }
        let sealer = secretSealer
        return try await write { session in
            var found: [(delivery: Delivery, order: Int64)] = []
            for id in ids {
                guard let row = try await session.row("SELECT * FROM deliveries WHERE id = \(id) FOR UPDATE") else {
                    throw HookdError.notFound(.delivery, id)
                }
                let record = try DeliveryRecord(row: row)
                // Deliveries that ended before positions were kept are placed by their event.
                var order = record.linePosition ?? 0
                if record.linePosition == nil {
                    order = try await session.value(Int64.self, "SELECT sequence FROM events WHERE id = \(record.eventId)") ?? 0
                }
                found.append((try record.delivery(), order))
            }
            found.sort { ($0.order, $0.delivery.id) < ($1.order, $1.delivery.id) }
            var fanOut = PostgresFanOut(sealer: sealer)
            let first = try await Self.nextSequence(session)
            let last = first + Int64(found.count) - 1
            try await session.execute("UPDATE meta SET reserved_sequence = \(last) WHERE id = 1")
            var queued: [Delivery] = []
            for (index, entry) in found.enumerated() {
                let due = Date(storedMilliseconds: now.storedMilliseconds + Int64(index))
                let delivery = try entry.delivery.redelivered(at: due, trigger: trigger)
                let fifo = try await fanOut.webhook(id: delivery.webhookId, in: session)?.ordering == .fifo
                let r = DeliveryRecord(delivery, linePosition: first + Int64(index), fifo: fifo)
                try await session.execute(
                    """
                    UPDATE deliveries SET status = \(r.status), attempts = \(r.attempts),
                        next_attempt_at = \(r.nextAttemptAt), last_attempt_at = \(r.lastAttemptAt),
                        last_status_code = \(r.lastStatusCode), last_error = \(r.lastError),
                        next_trigger = \(r.nextTrigger), line_position = \(r.linePosition), lease_owner = NULL,
                        fifo = \(r.fifo), updated = \(r.updated)
                    WHERE id = \(r.id)
                    """)
                queued.append(delivery)
            }
            return queued
        }
    }

    /// A due delivery from a row holding `id`, `webhook_id`, `next_attempt_at`, `status`,
    /// `attempts` and `next_trigger`.
    static func dueDelivery(_ row: PostgresRandomAccessRow, ordering: WebhookOrdering) throws -> DueDelivery {
        let status = try row.get("status", as: String.self)
        let attempts = try row.get("attempts", as: Int.self)
        let trigger = try row.get("next_trigger", as: String.self)
        return DueDelivery(
            deliveryId: try row.get("id"), webhookId: try row.get("webhook_id"),
            dueAt: try row.get("next_attempt_at", as: Int64?.self).map(Date.init(storedMilliseconds:)) ?? Date(),
            isFirstAttempt: status == DeliveryStatus.pending.rawValue && attempts == 0
                && trigger != AttemptTrigger.recover.rawValue,
            ordering: ordering)
    }
}
