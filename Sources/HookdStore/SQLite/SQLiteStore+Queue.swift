import Foundation
internal import GRDB
import HookdCore

/// The engine's queue on SQLite: one daemon owns the file (the data directory lock), so a
/// hold lasts until that daemon lets go or the next one registers.
extension SQLiteStore {
    public func register(node: String, at now: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE deliveries SET lease_owner = NULL WHERE lease_owner IS NOT NULL")
            try db.execute(sql: "DELETE FROM queue_nodes")
            try db.execute(
                sql: "INSERT INTO queue_nodes (id, started, heartbeat) VALUES (?, ?, ?)",
                arguments: [node, now.storedMilliseconds, now.storedMilliseconds])
        }
    }

    public func heartbeat(node: String, at now: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE queue_nodes SET heartbeat = ? WHERE id = ?", arguments: [now.storedMilliseconds, node])
        }
    }

    /// The earliest unordered deliveries due by a time, nobody holding them (at most a limit).
    /// The partial index is named: without statistics SQLite's planner took
    /// (status, next_attempt_at) and sorted every waiting delivery, 0.3 s a claim with a
    /// million queued.
    static let claimableSQL = """
        SELECT id, next_attempt_at FROM deliveries INDEXED BY deliveries_claimable
        WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND fifo = 0 AND next_attempt_at <= ?
        ORDER BY next_attempt_at, id LIMIT ?
        """

    /// When the earliest unordered delivery nobody holds is due.
    static let nextClaimableSQL = """
        SELECT next_attempt_at FROM deliveries INDEXED BY deliveries_claimable
        WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND fifo = 0
        ORDER BY next_attempt_at, id LIMIT 1
        """

    public func claim(owner: String, limit: Int, dueBy: Date) async throws -> ClaimedWork {
        // The writer only picks and leases; the rows and bodies are read afterwards on a
        // reader, beside the writer, so completions and publishes never wait for those reads
        // (with a large backlog they miss the page cache). The leased rows are ours: nothing
        // else claims them meanwhile, and one deleted with its webhook is simply not there.
        let (ids, nextDue) = try await database.write { db in
            let dueBy = dueBy.storedMilliseconds
            // What may be claimed: the earliest unordered deliveries due (no more than `limit`
            // can be taken) and the due head of each fifo line nobody holds. The earliest of
            // them all are taken, so a line's head never waits behind later unordered work.
            var candidates: [ClaimChoice.Candidate] = []
            if limit > 0 {
                // The partial index deliveries_claimable, named (see claimableSQL).
                candidates = try Row.fetchAll(
                    db.cachedStatement(sql: Self.claimableSQL), arguments: [dueBy, limit]
                ).map { ($0["id"], ($0["next_attempt_at"] as Int64?) ?? 0) }
            }
            var lineHeads: [ClaimChoice.Candidate] = []
            let fifoWebhooks = try String.fetchAll(db, sql: "SELECT id FROM webhooks WHERE ordering = 'fifo'")
            for webhookId in fifoWebhooks {
                guard let head = try Self.lineHeadRow(of: webhookId, in: db), head.owner == nil else { continue }
                lineHeads.append((head.id, head.dueAt))
            }
            var choice = ClaimChoice(unordered: candidates, lineHeads: lineHeads, dueBy: dueBy, limit: limit)
            let hold = try db.cachedStatement(sql: "UPDATE deliveries SET lease_owner = ? WHERE id = ?")
            for id in choice.ids {
                try hold.execute(arguments: [owner, id])
            }
            if let unordered = try Int64.fetchOne(db.cachedStatement(sql: Self.nextClaimableSQL)) {
                choice.note(unordered)
            }
            return (choice.ids, choice.nextDueAt)
        }
        let work = try await database.read { db in
            var fanOut = FanOut(sealer: self.secretSealer)
            // Already earliest due first (ties by id).
            return try ids.compactMap { try Self.queuedWork(deliveryId: $0, fanOut: &fanOut, in: db) }
        }
        return ClaimedWork(work: work, nextDueAt: nextDue.map(Date.init(storedMilliseconds:)))
    }

    public func release(deliveryIds: [String], owner: String) async throws {
        guard !deliveryIds.isEmpty else { return }
        try await database.write { db in
            let letGo = try db.cachedStatement(sql: "UPDATE deliveries SET lease_owner = NULL WHERE id = ? AND lease_owner = ?")
            for id in deliveryIds {
                try letGo.execute(arguments: [id, owner])
            }
        }
    }

    public func write(_ batch: QueueWrite) async throws -> QueueWriteReceipt {
        let now = batch.now.storedPrecision
        return try await database.write { db in
            var writer = QueueWriter(
                owner: batch.owner, now: now, holding: Holding(owner: batch.owner, room: batch.room), sealer: self.secretSealer,
                committed: self.committedWebhooks)
            var receipt = QueueWriteReceipt()
            for events in batch.publishes {
                receipt.published.append(try writer.publish(events, in: db))
            }
            for completion in batch.completions {
                try writer.complete(completion, autoDisable: batch.autoDisable, in: db)
            }
            receipt.handedOver = writer.holding.handedOver
            receipt.leftInStore = writer.holding.leftInStore
            receipt.disabled = writer.disabled
            receipt.gone = writer.gone
            return receipt
        }
    }

    /// Picks the first awaiting delivery in a fifo webhook's line (the one argument), through
    /// the partial index deliveries_awaiting_on_webhook_line: its `WHERE` is repeated so
    /// SQLite may use it.
    static let lineHeadCondition = """
        WHERE webhook_id = ? AND status IN ('pending', 'scheduled') AND fifo = 1
        ORDER BY line_position, id LIMIT 1
        """

    /// The head of a fifo line: its id, holder and due time.
    static let lineHeadSQL = "SELECT id, lease_owner, next_attempt_at FROM deliveries " + lineHeadCondition

    /// The first awaiting delivery in a fifo webhook's line: its id, holder and due time.
    /// `nil` when none awaits, and for an unordered webhook, which has no line.
    static func lineHeadRow(of webhookId: String, in db: Database) throws -> (id: String, owner: String?, dueAt: Int64)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: lineHeadSQL), arguments: [webhookId]) else { return nil }
        return (row["id"], row["lease_owner"], (row["next_attempt_at"] as Int64?) ?? 0)
    }

    /// A delivery with its webhook and body, while it awaits an attempt.
    static func queuedWork(deliveryId: String, fanOut: inout FanOut, in db: Database) throws -> DeliveryWork? {
        let deliveryRow = try db.cachedStatement(sql: "SELECT * FROM deliveries WHERE id = ?")
        guard let record = try DeliveryRecord.fetchOne(deliveryRow, arguments: [deliveryId]) else { return nil }
        let delivery = try record.delivery()
        let bodyColumns = try db.cachedStatement(sql: "SELECT body, traceparent, tracestate FROM events WHERE id = ?")
        guard delivery.status.isAwaitingAttempt, let webhook = try fanOut.webhook(id: delivery.webhookId, in: db),
            let row = try Row.fetchOne(bodyColumns, arguments: [delivery.eventId])
        else { return nil }
        let traceContext = (row["traceparent"] as String?).map { TraceContext(traceparent: $0, tracestate: row["tracestate"]) }
        return DeliveryWork(delivery: delivery, webhook: webhook, body: row["body"], traceContext: traceContext)
    }
}
