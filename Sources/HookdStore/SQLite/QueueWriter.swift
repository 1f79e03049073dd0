import Foundation
internal import GRDB
import HookdCore

/// Performs one `QueueWrite` inside its transaction: publishes, then attempt results with
/// everything they entail, collecting what the receipt reports.
struct QueueWriter {
    let owner: String
    let now: Date
    var holding: Holding
    var fanOut: FanOut
    let sealer: SecretSealer?
    var disabled: [Webhook] = []
    var gone: [String] = []
    /// Each webhook's health as this transaction last read or wrote it.
    private var health: [String: WebhookHealth] = [:]

    /// `committed`: the webhooks kept between the writer's transactions.
    init(owner: String, now: Date, holding: Holding, sealer: SecretSealer?, committed: CommittedWebhooks? = nil) {
        self.owner = owner
        self.sealer = sealer
        fanOut = FanOut(sealer: sealer, committed: committed)
        self.now = now
        self.holding = holding
    }

    mutating func publish(_ events: [Event], in db: Database) throws -> [PublishOutcome] {
        try SQLiteStore.insert(events, at: now, fanOut: &fanOut, holding: &holding, in: db)
    }

    /// Writes one attempt's end: the delivery's state and its hold, the attempt row, the
    /// webhook's health with what follows from it, and the next delivery of a fifo line.
    mutating func complete(_ completion: AttemptCompletion, autoDisable: AutoDisablePolicy, in db: Database) throws {
        let end = AttemptEnd(completion)
        let delivery = completion.delivery
        var update = try DirectStatement(
            db,
            sql: """
                UPDATE deliveries SET status = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                    last_status_code = ?, last_error = ?, next_trigger = ?, updated = ?, lease_owner = ?
                WHERE id = ?
                """)
        update.bind(delivery.status.rawValue)
        update.bind(delivery.attempts)
        update.bind(delivery.nextAttemptAt?.storedMilliseconds)
        update.bind(delivery.lastAttemptAt?.storedMilliseconds)
        update.bind(delivery.lastStatusCode)
        update.bind(delivery.lastError)
        update.bind(delivery.nextTrigger.rawValue)
        update.bind(delivery.updatedAt.storedMilliseconds)
        update.bind(end.holder(owner))
        update.bind(delivery.id)
        try update.run()
        guard db.changesCount > 0 else {
            // Its webhook was deleted while the attempt was under way.
            gone.append(delivery.id)
            return
        }
        if let attempt = completion.attempt {
            try AttemptRecord(attempt).insertRow(db)
        }
        if let reason = completion.disableReason {
            try disable(webhookId: delivery.webhookId, reason: reason, in: db)
        }
        if end.countsTowardHealth {
            let (before, after) = try SQLiteStore.foldHealth(of: delivery, at: now, known: &health, in: db)
            let (announcement, disableReason) = end.consequences(
                healthBefore: before, after: after, autoDisable: autoDisable, at: now)
            if let announcement { try announce(announcement, in: db) }
            if let disableReason { try disable(webhookId: delivery.webhookId, reason: disableReason, in: db) }
        }
        if end.ended, try fanOut.isFifo(webhookId: delivery.webhookId, in: db),
            let webhook = try fanOut.webhook(id: delivery.webhookId, in: db)
        {
            if end.skipsLine(of: webhook) {
                try db.execute(sql: Self.skipLineSQL, arguments: [now.storedMilliseconds, webhook.id])
            }
            try handOverLineHead(of: webhook.id, in: db)
        }
    }

    /// Skips every awaiting delivery of a fifo webhook's line, through the partial index
    /// deliveries_awaiting_on_webhook_line (its `WHERE` is repeated so SQLite may use it).
    static let skipLineSQL = """
        UPDATE deliveries SET status = 'skipped', next_attempt_at = NULL, lease_owner = NULL, updated = ?
        WHERE webhook_id = ? AND status IN ('pending', 'scheduled') AND fifo = 1
        """

    /// Holds the next delivery of a fifo line for the owner, when nobody holds it.
    private mutating func handOverLineHead(of webhookId: String, in db: Database) throws {
        guard let head = try SQLiteStore.lineHeadRow(of: webhookId, in: db), head.owner == nil else { return }
        guard holding.take() != nil else {
            holding.leftInStore = true
            return
        }
        try db.execute(sql: "UPDATE deliveries SET lease_owner = ? WHERE id = ?", arguments: [owner, head.id])
        if let work = try SQLiteStore.queuedWork(deliveryId: head.id, fanOut: &fanOut, in: db) {
            holding.handedOver.append(work)
        }
    }

    /// Disables an enabled webhook with `reason`, advancing the state revision, and
    /// announces it with `hookd.webhook.disabled`.
    private mutating func disable(webhookId: String, reason: String, in db: Database) throws {
        guard let current = try fanOut.webhook(id: webhookId, in: db), current.enabled else { return }
        let webhook = current.disabled(reason: reason, at: now)
        var counts = WebhookCounts()
        try SQLiteStore.replaceWebhook(webhook, sealer: sealer, in: db, counts: &counts)
        try StateRevision.advance(db)
        fanOut.changed(webhook)
        disabled.append(webhook)
        try announce(OperationalEvent.disabled(webhook, reason: reason, at: now), in: db)
    }

    /// Publishes one of hookd's own events in this transaction.
    private mutating func announce(_ event: Event, in db: Database) throws {
        _ = try SQLiteStore.insert([event], at: now, fanOut: &fanOut, holding: &holding, in: db)
    }
}
