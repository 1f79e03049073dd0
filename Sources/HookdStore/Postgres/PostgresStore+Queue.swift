import Foundation
import HookdCore
internal import PostgresNIO

/// The engine's queue on PostgreSQL. A hold is the owner's name on the row
/// (`deliveries.lease_owner`), valid while the owner's heartbeat (`queue_nodes`, see
/// `PostgresStore+Nodes`) is fresh: the lease is the node's, renewed by every heartbeat, so an
/// attempt of any length keeps its delivery while its node lives, and a claim frees the holds
/// of nodes gone quiet for longer than `nodeTimeout` before it picks. Claims pick rows with
/// `FOR UPDATE SKIP LOCKED`, so a claimer never waits on rows another transaction is taking.
/// A rate-limited webhook's deliveries go to one node at a time (`PostgresStore+Pacing`).
extension PostgresStore {
    public var sharesRateLimits: Bool { true }

    public func claim(owner: String, limit: Int, dueBy: Date) async throws -> ClaimedWork {
        let dueBy = dueBy.storedMilliseconds
        let sealer = secretSealer
        let nodeTimeout = nodeTimeout
        return try await write { session in
            try await Self.freeHolds(ofNodesSilentSince: dueBy - nodeTimeout, except: owner, at: dueBy, in: session)
            // A rate-limited webhook is sent by one node at a time (`PostgresStore+Pacing`):
            // one whose deliveries another node holds is left to it. Its awaiting deliveries
            // are `paced`, out of the unordered claim.
            let paced = try await Self.pacedWebhooks(in: session)
            let senders = try await Self.senders(of: Array(paced.keys), owner: owner, in: session)
            let open = paced.values.filter { !$0.fifo && !senders.elsewhere.contains($0.id) }.map(\.id).sorted()
            // The earliest unordered deliveries due, those of rate-limited webhooks this node
            // may send, and the due head of each fifo line nobody holds; the earliest of them
            // all are taken.
            var candidates: [ClaimChoice.Candidate] = []
            var pacedOf: [String: String] = [:]
            if limit > 0 {
                candidates = try await session.rows(
                    """
                    SELECT id, next_attempt_at FROM deliveries
                    WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND NOT fifo AND NOT paced
                        AND next_attempt_at <= \(dueBy)
                    ORDER BY next_attempt_at, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                    """
                ).map { (try $0.get("id"), try $0.get("next_attempt_at", as: Int64?.self) ?? 0) }
                for webhookId in open {
                    for row in try await session.rows(
                        """
                        SELECT id, next_attempt_at FROM deliveries
                        WHERE webhook_id = \(webhookId) AND status IN ('pending', 'scheduled') AND lease_owner IS NULL
                            AND NOT fifo AND paced AND next_attempt_at <= \(dueBy)
                        ORDER BY next_attempt_at, id LIMIT \(limit)
                        FOR UPDATE SKIP LOCKED
                        """)
                    {
                        let id = try row.get("id", as: String.self)
                        pacedOf[id] = webhookId
                        candidates.append((id, try row.get("next_attempt_at", as: Int64?.self) ?? 0))
                    }
                }
            }
            var lineHeads: [ClaimChoice.Candidate] = []
            let fifoWebhooks = try await session.rows("SELECT id FROM webhooks WHERE ordering = 'fifo'")
                .map { try $0.get("id", as: String.self) }
            for webhookId in fifoWebhooks {
                guard let head = try await Self.lineHeadRow(of: webhookId, in: session), head.owner == nil else { continue }
                lineHeads.append((head.id, head.dueAt))
                if paced[webhookId] != nil { pacedOf[head.id] = webhookId }
            }
            var choice = ClaimChoice(unordered: candidates, lineHeads: lineHeads, dueBy: dueBy, limit: limit)
            let ids = choice.ids
            if !ids.isEmpty {
                try await session.execute("UPDATE deliveries SET lease_owner = \(owner) WHERE id = ANY(\(ids))")
            }
            if let unordered = try await session.value(
                Int64.self,
                """
                SELECT next_attempt_at FROM deliveries
                WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND NOT fifo AND NOT paced
                ORDER BY next_attempt_at, id LIMIT 1
                """)
            {
                choice.note(unordered)
            }
            for webhookId in open {
                if let next = try await session.value(
                    Int64.self,
                    """
                    SELECT next_attempt_at FROM deliveries
                    WHERE webhook_id = \(webhookId) AND status IN ('pending', 'scheduled') AND lease_owner IS NULL
                        AND NOT fifo AND paced
                    ORDER BY next_attempt_at, id LIMIT 1
                    """)
                {
                    choice.note(next)
                }
            }
            // The rate-limited webhooks this claim makes the owner the sender of.
            var handovers: [String: [RecentAttempt]] = [:]
            for id in ids {
                guard let webhookId = pacedOf[id], !senders.owner.contains(webhookId), handovers[webhookId] == nil,
                    let webhook = paced[webhookId]
                else { continue }
                handovers[webhookId] = try await Self.recentAttempts(of: webhook, at: dueBy, in: session)
            }
            var fanOut = PostgresFanOut(sealer: sealer)
            var work: [DeliveryWork] = []
            for id in ids {
                if let item = try await Self.queuedWork(deliveryId: id, fanOut: &fanOut, in: session) { work.append(item) }
            }
            return ClaimedWork(
                work: work, nextDueAt: choice.nextDueAt.map(Date.init(storedMilliseconds:)), rateLimitHandovers: handovers)
        }
    }

    public func release(deliveryIds: [String], owner: String) async throws {
        guard !deliveryIds.isEmpty else { return }
        try await write { session in
            try await session.execute(
                "UPDATE deliveries SET lease_owner = NULL WHERE id = ANY(\(deliveryIds)) AND lease_owner = \(owner)")
        }
    }

    public func write(_ batch: QueueWrite) async throws -> QueueWriteReceipt {
        let now = batch.now.storedPrecision
        let sealer = secretSealer
        return try await write { session in
            // A rate-limited webhook's deliveries are left for a claim: only a claim makes a
            // node its sender (`PostgresStore+Pacing`).
            var writer = PostgresQueueWriter(
                owner: batch.owner, now: now,
                holding: Holding(owner: batch.owner, room: batch.room, leavesRateLimited: true), sealer: sealer)
            var receipt = QueueWriteReceipt()
            for events in batch.publishes {
                receipt.published.append(try await writer.publish(events, in: session))
            }
            try await writer.complete(batch.completions, autoDisable: batch.autoDisable, in: session)
            receipt.handedOver = writer.holding.handedOver
            receipt.leftInStore = writer.holding.leftInStore
            receipt.disabled = writer.disabled
            receipt.gone = writer.gone
            return receipt
        }
    }

    /// The first awaiting delivery in a fifo webhook's line: its id, holder and due time.
    static func lineHeadRow(of webhookId: String, in session: PostgresSession) async throws
        -> (id: String, owner: String?, dueAt: Int64)?
    {
        guard
            let row = try await session.row(
                """
                SELECT id, lease_owner, next_attempt_at FROM deliveries
                WHERE webhook_id = \(webhookId) AND status IN ('pending', 'scheduled') AND fifo
                ORDER BY line_position, id LIMIT 1
                """)
        else { return nil }
        return (try row.get("id"), try row.get("lease_owner"), try row.get("next_attempt_at", as: Int64?.self) ?? 0)
    }

    /// A delivery with its webhook and body, while it awaits an attempt.
    static func queuedWork(deliveryId: String, fanOut: inout PostgresFanOut, in session: PostgresSession) async throws
        -> DeliveryWork?
    {
        guard let row = try await session.row("SELECT * FROM deliveries WHERE id = \(deliveryId)") else { return nil }
        let delivery = try DeliveryRecord(row: row).delivery()
        guard delivery.status.isAwaitingAttempt,
            let webhook = try await fanOut.webhook(id: delivery.webhookId, in: session),
            let event = try await session.row(
                "SELECT body, traceparent, tracestate FROM events WHERE id = \(delivery.eventId)")
        else { return nil }
        let traceContext = try event.get("traceparent", as: String?.self).map {
            TraceContext(traceparent: $0, tracestate: try event.get("tracestate"))
        }
        return DeliveryWork(delivery: delivery, webhook: webhook, body: try event.get("body"), traceContext: traceContext)
    }
}
