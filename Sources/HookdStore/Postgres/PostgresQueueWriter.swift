import Foundation
import HookdCore
internal import PostgresNIO

/// Performs one `QueueWrite` inside its PostgreSQL transaction, as `QueueWriter` does on
/// SQLite: publishes, then attempt results with everything they entail.
struct PostgresQueueWriter {
    let owner: String
    let now: Date
    var holding: Holding
    var fanOut: PostgresFanOut
    let sealer: SecretSealer?
    var disabled: [Webhook] = []
    var gone: [String] = []

    init(owner: String, now: Date, holding: Holding, sealer: SecretSealer?) {
        self.owner = owner
        self.sealer = sealer
        fanOut = PostgresFanOut(sealer: sealer)
        self.now = now
        self.holding = holding
    }

    mutating func publish(_ events: [Event], in session: PostgresSession) async throws -> [PublishOutcome] {
        try await PostgresStore.insert(events, at: now, fanOut: &fanOut, holding: &holding, in: session)
    }

    /// Writes a commit's attempt ends, in the order they ended: the deliveries' states and
    /// holds, the attempt rows, the webhooks' health with what follows from it, and the next
    /// delivery of each fifo line whose turn ended.
    ///
    /// The rows are written a few statements per commit, not per end: one `UPDATE … FROM
    /// (VALUES …)` for the deliveries (fenced: a delivery another node took over is not
    /// written), one multi-row `INSERT` for the attempts, one read and one upsert for the
    /// health. What follows from each end (disables, hookd's own events, fifo lines) is decided
    /// in order, as on SQLite. A delivery ending twice in one commit starts a new round, so
    /// every round names a delivery once.
    mutating func complete(
        _ completions: [AttemptCompletion], autoDisable: AutoDisablePolicy, in session: PostgresSession
    ) async throws {
        var rest = completions[...]
        while !rest.isEmpty {
            var named: Set<String> = []
            let round = rest.prefix { named.insert($0.delivery.id).inserted }
            try await complete(round: round.map(AttemptEnd.init), autoDisable: autoDisable, in: session)
            rest = rest.dropFirst(round.count)
        }
    }

    /// Writes attempt ends of distinct deliveries (see ``complete(_:autoDisable:in:)``).
    private mutating func complete(
        round ends: [AttemptEnd], autoDisable: AutoDisablePolicy, in session: PostgresSession
    ) async throws {
        let fence = ends.map { PostgresAttemptEndRow(record: DeliveryRecord($0.delivery), holder: $0.holder(owner), owner: owner) }
        // Each written delivery's id, and whether it is on a fifo line (the row's mark says
        // so, kept in step with its webhook's ordering while it awaits an attempt).
        var fifo: [String: Bool] = [:]
        for row in try await PostgresAttemptEndRow.update.returning(fence, in: session) {
            fifo[try row.get("id", as: String.self)] = try row.get("fifo", as: Bool.self)
        }
        var written: [AttemptEnd] = []
        for end in ends {
            if fifo[end.delivery.id] == nil {
                // Its webhook was deleted while the attempt was under way, or another node took
                // it over (this one was silent past the node timeout): that node's attempt counts.
                gone.append(end.delivery.id)
            } else {
                written.append(end)
            }
        }
        try await PostgresStore.attemptInsert.execute(
            written.compactMap { end in try end.completion.attempt.map { try AttemptRecord($0) } }, in: session)
        let counted = Set(written.filter(\.countsTowardHealth).map(\.delivery.webhookId))
        let stored = try await PostgresStore.health(of: counted, in: session)
        var health = stored
        for end in written {
            let delivery = end.delivery
            if let reason = end.completion.disableReason {
                try await disable(webhookId: delivery.webhookId, reason: reason, in: session)
            }
            if end.countsTowardHealth {
                let before = health[delivery.webhookId] ?? .healthy
                let after = before.after(deliveryEndedAs: delivery.status, at: now)
                health[delivery.webhookId] = after
                let (announcement, disableReason) = end.consequences(
                    healthBefore: before, after: after, autoDisable: autoDisable, at: now)
                if let announcement { try await announce(announcement, in: session) }
                if let disableReason { try await disable(webhookId: delivery.webhookId, reason: disableReason, in: session) }
            }
            if end.ended, fifo[delivery.id] == true,
                let webhook = try await fanOut.webhook(id: delivery.webhookId, in: session), webhook.ordering == .fifo
            {
                if end.skipsLine(of: webhook) {
                    try await session.execute(
                        """
                        UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, lease_owner = NULL,
                            updated = \(now.storedMilliseconds)
                        WHERE webhook_id = \(webhook.id) AND status IN ('pending', 'scheduled')
                        """)
                }
                try await handOverLineHead(of: webhook.id, in: session)
            }
        }
        try await PostgresStore.save(health: health.filter { (stored[$0.key] ?? .healthy) != $0.value }, in: session)
    }

    /// Holds the next delivery of a fifo line for the owner, when nobody holds it.
    private mutating func handOverLineHead(of webhookId: String, in session: PostgresSession) async throws {
        guard let head = try await PostgresStore.lineHeadRow(of: webhookId, in: session), head.owner == nil else { return }
        guard holding.take() != nil else {
            holding.leftInStore = true
            return
        }
        try await session.execute("UPDATE deliveries SET lease_owner = \(owner) WHERE id = \(head.id)")
        if let work = try await PostgresStore.queuedWork(deliveryId: head.id, fanOut: &fanOut, in: session) {
            holding.handedOver.append(work)
        }
    }

    /// Disables an enabled webhook with `reason`, advancing the state revision, and
    /// announces it with `hookd.webhook.disabled`.
    private mutating func disable(webhookId: String, reason: String, in session: PostgresSession) async throws {
        guard let current = try await fanOut.webhook(id: webhookId, in: session), current.enabled else { return }
        let webhook = current.disabled(reason: reason, at: now)
        try await PostgresStore.replaceWebhook(webhook, sealer: sealer, in: session)
        try await PostgresStore.advanceStateRevision(session)
        fanOut.changed(webhook)
        disabled.append(webhook)
        try await announce(OperationalEvent.disabled(webhook, reason: reason, at: now), in: session)
    }

    /// Publishes one of hookd's own events in this transaction.
    private mutating func announce(_ event: Event, in session: PostgresSession) async throws {
        _ = try await PostgresStore.insert([event], at: now, fanOut: &fanOut, holding: &holding, in: session)
    }
}
