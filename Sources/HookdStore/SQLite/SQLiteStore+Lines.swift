import Foundation
internal import GRDB
import HookdCore

/// Each webhook's line: its awaiting deliveries in publish order, re-queued ones at the
/// back. A `fifo` webhook is sent its line one delivery at a time.
extension SQLiteStore {
    /// The awaiting delivery first in a fifo webhook's line; `nil` when none awaits, and for
    /// an unordered webhook, which has no line.
    public func lineHead(webhookId: String) async throws -> DueDelivery? {
        try await database.read { db in
            try Self.lineHead(of: webhookId, in: db)
        }
    }

    /// `lineHead(webhookId:)` inside a caller's transaction.
    static func lineHead(of webhookId: String, in db: Database) throws -> DueDelivery? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT id, webhook_id, next_attempt_at, status, attempts, next_trigger FROM deliveries "
                + lineHeadCondition,
            arguments: [webhookId])
        return row.map { dueDelivery($0, ordering: .fifo) }
    }

    /// Re-queues ended deliveries at the back of their webhooks' lines, in the order they
    /// were first published, all in one transaction.
    public func requeue(deliveryIds: [String], trigger: AttemptTrigger, at now: Date) async throws -> [Delivery] {
        let now = now.storedPrecision
        var seen: Set<String> = []
        let ids = deliveryIds.filter { seen.insert($0).inserted }
        return try await database.write { db in
            var found: [(delivery: Delivery, order: Int64)] = []
            for id in ids {
                guard let record = try DeliveryRecord.fetchOne(db, key: id) else {
                    throw HookdError.notFound(.delivery, id)
                }
                // Deliveries that ended before positions were kept are placed by their event.
                let order =
                    try record.linePosition
                    ?? EventRecord.filter(key: record.eventId).select(\.sequence, as: Int64.self).fetchOne(db) ?? 0
                found.append((try record.delivery(), order))
            }
            found.sort { ($0.order, $0.delivery.id) < ($1.order, $1.delivery.id) }
            var fanOut = FanOut(sealer: self.secretSealer)
            let first = try PublishSequence.reserve(found.count, in: db)
            var queued: [Delivery] = []
            for (index, entry) in found.enumerated() {
                let due = Date(storedMilliseconds: now.storedMilliseconds + Int64(index))
                let delivery = try entry.delivery.redelivered(at: due, trigger: trigger)
                let fifo = try fanOut.webhook(id: delivery.webhookId, in: db)?.ordering == .fifo
                try DeliveryRecord(delivery, linePosition: first + Int64(index), fifo: fifo).update(db)
                queued.append(delivery)
            }
            return queued
        }
    }
}
