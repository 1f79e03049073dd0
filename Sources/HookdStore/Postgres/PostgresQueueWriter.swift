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

    /// Writes one attempt's end: the delivery's state and its hold, the attempt row, the
    /// webhook's health with what follows from it, and the next delivery of a fifo line.
    mutating func complete(
        _ completion: AttemptCompletion, autoDisable: AutoDisablePolicy, in session: PostgresSession
    ) async throws {
        let delivery = completion.delivery
        let keep = completion.keep && delivery.status.isAwaitingAttempt
        let record = DeliveryRecord(delivery)
        let holder = keep ? owner : nil
        let updated = try await session.count(
            """
            UPDATE deliveries SET status = \(record.status), attempts = \(record.attempts),
                next_attempt_at = \(record.nextAttemptAt), last_attempt_at = \(record.lastAttemptAt),
                last_status_code = \(record.lastStatusCode), last_error = \(record.lastError),
                next_trigger = \(record.nextTrigger), updated = \(record.updated), lease_owner = \(holder)
            WHERE id = \(record.id) AND (lease_owner IS NULL OR lease_owner = \(owner)) RETURNING id
            """)
        guard updated > 0 else {
            // Its webhook was deleted while the attempt was under way, or another node took it
            // over (this one was silent past the node timeout): that node's attempt counts.
            gone.append(delivery.id)
            return
        }
        if let attempt = completion.attempt {
            try await PostgresStore.insert(try AttemptRecord(attempt), in: session)
        }
        if let reason = completion.disableReason {
            try await disable(webhookId: delivery.webhookId, reason: reason, in: session)
        }
        let ended = !delivery.status.isAwaitingAttempt
        // hookd's own events neither count toward health nor raise further events.
        if ended && completion.disableReason == nil && !OperationalEvent.isOperational(delivery.eventType) {
            let (before, after) = try await PostgresStore.foldHealth(of: delivery, at: now, in: session)
            if delivery.status == .failed {
                try await announce(OperationalEvent.exhausted(delivery, at: now), in: session)
            } else if before.consecutiveExhausted > 0 && after == .healthy {
                try await announce(
                    OperationalEvent.recovered(
                        delivery, failingSince: before.failingSince, failures: before.consecutiveExhausted, at: now),
                    in: session)
            }
            if let reason = autoDisable.disableReason(for: after, at: now) {
                try await disable(webhookId: delivery.webhookId, reason: reason, in: session)
            }
        }
        if ended, let webhook = try await fanOut.webhook(id: delivery.webhookId, in: session), webhook.ordering == .fifo {
            if delivery.status == .skipped && !webhook.enabled {
                // A disabled fifo webhook's line is kept as skipped from its head on, in order.
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
