import Foundation
import HookdCore
import HookdStore
import Logging
import ServiceLifecycle

/// Sends due deliveries, records each attempt and schedules retries.
///
/// The store is the durable log; the engine keeps what is due in memory (`DueQueue`) and
/// sleeps until the earliest due time or until `enqueue` brings new work, so nothing polls.
/// On start it loads every delivery still awaiting an attempt, which is how work survives a
/// restart (sent again with the same `webhook-id`). On graceful shutdown it takes no new
/// work and lets attempts under way finish and be recorded.
public actor DeliveryEngine: Service {
    /// Tunables of the engine.
    public struct Configuration: Sendable {
        /// Attempts under way at once across all webhooks.
        public var maximumInFlight: Int
        /// Attempts under way at once for any one webhook.
        public var maximumInFlightPerWebhook: Int
        /// How long to wait before trying again when recording an attempt failed.
        public var storeRetryDelay: Interval
        /// How many awaiting deliveries to load at start-up.
        public var backlogLimit: Int
        /// When a failing webhook is disabled automatically.
        public var autoDisable: AutoDisablePolicy
        /// How long a graceful shutdown waits for attempts under way before abandoning them
        /// (unrecorded, so they are sent again after the restart).
        public var shutdownGrace: Interval

        public init(
            maximumInFlight: Int = 128, maximumInFlightPerWebhook: Int = 16, storeRetryDelay: Interval = .seconds(5),
            backlogLimit: Int = 1_000_000, shutdownGrace: Interval = .seconds(10),
            autoDisable: AutoDisablePolicy = .standard
        ) {
            self.autoDisable = autoDisable
            self.maximumInFlight = maximumInFlight
            self.maximumInFlightPerWebhook = maximumInFlightPerWebhook
            self.storeRetryDelay = storeRetryDelay
            self.backlogLimit = backlogLimit
            self.shutdownGrace = shutdownGrace
        }
    }

    let store: any Store
    private let sender: WebhookSender
    let configuration: Configuration
    let logger: Logger
    private let wake = WakeSignal()

    private var queue = DueQueue()
    private var inFlight: Set<String> = []
    private var lanes: WebhookLanes
    private var pacing = RateLimiter()
    /// The webhook of every delivery the engine holds (queued, parked or in flight).
    private var webhookOf: [String: String] = [:]
    private var acceptingWork = true

    public init(store: any Store, sender: WebhookSender, configuration: Configuration = Configuration(), logger: Logger) {
        self.store = store
        self.sender = sender
        self.configuration = configuration
        self.logger = logger
        self.lanes = WebhookLanes(limit: configuration.maximumInFlightPerWebhook)
    }

    /// Deliveries waiting for their time.
    public var queuedCount: Int { queue.count + lanes.waitingCount }
    /// Attempts under way.
    public var inFlightCount: Int { inFlight.count }

    /// Hands freshly committed deliveries to the engine; those not awaiting an attempt
    /// (skipped) are ignored.
    public func enqueue(_ deliveries: [Delivery]) {
        var added = false
        for delivery in deliveries where delivery.status.isAwaitingAttempt {
            guard let dueAt = delivery.nextAttemptAt, !inFlight.contains(delivery.id) else { continue }
            webhookOf[delivery.id] = delivery.webhookId
            added = queue.insert(delivery.id, dueAt: dueAt) || added
        }
        if added { wake.signal() }
    }

    /// Runs until cancelled or until graceful shutdown, then waits for attempts under way.
    public func run() async throws {
        try await loadBacklog()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while acceptingWork && !Task.isCancelled {
                    let now = Date()
                    while inFlight.count < configuration.maximumInFlight, let id = queue.popDue(at: now) {
                        guard lanes.admit(id, webhook: webhookOf[id] ?? "") else { continue }
                        inFlight.insert(id)
                        group.addTask { await self.attempt(deliveryId: id) }
                    }
                    await wake.wait(upTo: waitTime(from: now))
                }
                await letInFlightFinish(within: configuration.shutdownGrace)
                if !inFlight.isEmpty {
                    logger.info(
                        "abandoning attempts still under way; they stay pending and are sent again on restart",
                        metadata: ["count": "\(inFlight.count)"])
                    group.cancelAll()
                }
            }
        } onGracefulShutdown: {
            Task { await self.stopAcceptingWork() }
        }
        logger.debug("delivery engine stopped", metadata: ["queued": "\(queue.count)"])
    }

    /// Waits for attempts under way to end, at most `grace`, so a hanging endpoint cannot
    /// hold up a shutdown for its whole timeout.
    private func letInFlightFinish(within grace: Interval) async {
        let deadline = ContinuousClock.now + grace.duration
        while !inFlight.isEmpty, !Task.isCancelled {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return }
            await wake.wait(upTo: remaining)
        }
    }

    private func stopAcceptingWork() {
        acceptingWork = false
        wake.signal()
    }

    /// How long the loop may sleep: until the earliest due delivery, or a while when the
    /// queue is empty or the in-flight limit is reached (a finishing attempt wakes it).
    private func waitTime(from now: Date) -> Duration {
        guard inFlight.count < configuration.maximumInFlight, let next = queue.nextDueAt else { return .seconds(3600) }
        return .milliseconds(max(0, Int64(next.timeIntervalSince(now) * 1000)))
    }

    private func loadBacklog() async throws {
        let due = try await store.dueDeliveries(limit: configuration.backlogLimit)
        for item in due {
            webhookOf[item.deliveryId] = item.webhookId
            queue.insert(item.deliveryId, dueAt: item.dueAt)
        }
        if !due.isEmpty {
            logger.info("resuming deliveries from the store", metadata: ["count": "\(due.count)"])
        }
    }

    /// Makes one attempt of a delivery and records it; runs off the actor.
    private nonisolated func attempt(deliveryId: String) async {
        let work: DeliveryWork?
        do {
            work = try await store.work(deliveryId: deliveryId)
        } catch {
            logger.error("could not load a delivery", metadata: ["delivery": "\(deliveryId)", "error": "\(error)"])
            await finished(deliveryId, nextDueAt: Date().addingTimeInterval(configuration.storeRetryDelay.timeInterval))
            return
        }
        guard let work else {
            await finished(deliveryId, nextDueAt: nil)
            return
        }
        guard work.webhook.enabled else {
            await skip(work.delivery)
            return
        }
        if let limit = work.webhook.rateLimit, let allowedAt = await reserve(work.webhook.id, limit) {
            // Over the webhook's rate: wait for its next slot without attempting.
            await finished(deliveryId, nextDueAt: allowedAt)
            return
        }
        let startedAt = Date()
        let clock = ContinuousClock()
        let began = clock.now
        let result = await sender.send(work, timestamp: Int64(startedAt.timeIntervalSince1970))
        let outcome = result.outcome
        if Task.isCancelled {
            // Shutdown abandoned the attempt: leave the delivery as it is in the store, due,
            // so the next start sends it again (at-least-once).
            await finished(deliveryId, nextDueAt: nil)
            return
        }
        let elapsed = clock.now - began
        let now = Date()
        let next = work.delivery.after(
            outcome, startedAt: startedAt, retry: work.webhook.retry, now: now,
            jitter: Double.random(in: RetrySchedule.jitterRange))
        let attempt = Attempt(
            deliveryId: deliveryId, number: next.attempts, startedAt: startedAt,
            durationMs: elapsed.wholeMilliseconds,
            outcome: outcome, trigger: work.delivery.nextTrigger, nextAttemptAt: next.nextAttemptAt,
            resolvedAddress: result.resolvedAddress?.description)
        // Disable first, so whoever sees the delivery failed also sees why.
        if outcome.statusCode == 410 {
            await disable(webhookId: work.webhook.id, reason: Webhook.goneReason(at: now), at: now)
        } else if !next.status.isAwaitingAttempt {
            await noteEnd(of: next, at: now)
        }
        do {
            try await store.record(attempt, updating: next)
        } catch {
            logger.error("could not record an attempt", metadata: ["delivery": "\(deliveryId)", "error": "\(error)"])
            await finished(deliveryId, nextDueAt: now.addingTimeInterval(configuration.storeRetryDelay.timeInterval))
            return
        }
        logger.debug(
            "attempt finished",
            metadata: [
                "delivery": "\(deliveryId)", "webhook": "\(work.webhook.qualifiedName)", "result": "\(outcome.summary)",
                "status": "\(next.status.rawValue)", "address": "\(result.resolvedAddress?.description ?? "-")",
            ])
        await finished(deliveryId, nextDueAt: next.status.isAwaitingAttempt ? next.nextAttemptAt : nil)
    }

    /// Takes a rate-limit slot for the webhook; the time to wait for one when there is none.
    private func reserve(_ webhookId: String, _ limit: RateLimit) -> Date? {
        let now = Date()
        // Sweep old paces only when the engine is nearly idle, to keep this O(1) under load.
        if inFlight.count <= 1 { pacing.forgetIdle(before: now) }
        return pacing.reserve(webhook: webhookId, limit: limit, at: now)
    }

    func finished(_ deliveryId: String, nextDueAt: Date?) {
        inFlight.remove(deliveryId)
        let webhook = webhookOf[deliveryId] ?? ""
        if let waiting = lanes.release(webhook: webhook) {
            queue.insert(waiting, dueAt: .distantPast)
        }
        if let nextDueAt, acceptingWork {
            queue.insert(deliveryId, dueAt: nextDueAt)
        } else {
            webhookOf[deliveryId] = nil
        }
        wake.signal()
    }
}
