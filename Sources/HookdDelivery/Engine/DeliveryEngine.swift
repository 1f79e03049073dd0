import Foundation
import HookdCore
import HookdStore
import Logging
import ServiceLifecycle

/// Sends due deliveries, records each attempt and schedules retries.
///
/// The store is the durable log; the engine keeps what is due in memory and sleeps until
/// the earliest due time or until `enqueue` brings new work, so nothing polls. First
/// attempts and re-sends wait in separate lanes that share the global in-flight slots
/// (`AttemptLanes`), each webhook is held to its own in-flight limit (`WebhookLanes`), and
/// a `fifo` webhook to one delivery at a time in line order (`FifoTurns`). On start it loads
/// every delivery still awaiting an attempt, which is how work survives a restart (sent
/// again with the same `webhook-id`). On graceful shutdown it takes no new work and lets
/// attempts under way finish and be recorded.
public actor DeliveryEngine: Service {
    /// Tunables of the engine.
    public struct Configuration: Sendable {
        /// Attempts under way at once across all webhooks.
        public var maximumInFlight: Int
        /// How many of those may be re-sends (retries, redeliveries, recoveries); the rest
        /// stay free for first attempts. Between 1 and `maximumInFlight`.
        public var maximumInFlightRetries: Int
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

        /// - Parameter maximumInFlightRetries: defaults to half of `maximumInFlight` (at least 1).
        public init(
            maximumInFlight: Int = 128, maximumInFlightRetries: Int? = nil, maximumInFlightPerWebhook: Int = 16,
            storeRetryDelay: Interval = .seconds(5), backlogLimit: Int = 1_000_000, shutdownGrace: Interval = .seconds(10),
            autoDisable: AutoDisablePolicy = .standard
        ) {
            self.autoDisable = autoDisable
            self.maximumInFlight = maximumInFlight
            self.maximumInFlightRetries = maximumInFlightRetries ?? AttemptLanes.defaultRetryLimit(of: maximumInFlight)
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

    private var due: AttemptLanes
    private var inFlight: Set<String> = []
    private var lanes: WebhookLanes
    var turns = FifoTurns()
    private var pacing = RateLimiter()
    /// Every delivery the engine holds (queued, parked or in flight): its webhook and lane.
    private var held: [String: HeldDelivery] = [:]
    /// Fifo webhooks whose turn holder ended: the next head is to be read from the store.
    private var turnsToPass: [String] = []
    private var acceptingWork = true

    public init(store: any Store, sender: WebhookSender, configuration: Configuration = Configuration(), logger: Logger) {
        self.store = store
        self.sender = sender
        self.configuration = configuration
        self.logger = logger
        self.lanes = WebhookLanes(limit: configuration.maximumInFlightPerWebhook)
        self.due = AttemptLanes(
            limit: configuration.maximumInFlight, retryLimit: configuration.maximumInFlightRetries)
    }

    /// Deliveries waiting for their time, or for their webhook's turn or room.
    public var queuedCount: Int { due.count + lanes.waitingCount + turns.parkedCount }
    /// Re-sends (retries, redeliveries, recoveries) waiting for their time or a slot.
    public var queuedRetryCount: Int { due.retryCount }
    /// Attempts under way.
    public var inFlightCount: Int { inFlight.count }
    /// Re-sends under way.
    public var inFlightRetryCount: Int { due.retryInFlight }

    /// Hands freshly committed deliveries to the engine; those not awaiting an attempt
    /// (skipped) are ignored.
    public func enqueue(_ deliveries: [Delivery]) {
        var added = false
        for delivery in deliveries where delivery.status.isAwaitingAttempt {
            guard let dueAt = delivery.nextAttemptAt, !inFlight.contains(delivery.id) else { continue }
            let entry =
                held[delivery.id]
                ?? HeldDelivery(webhook: delivery.webhookId, lane: delivery.awaitsFirstAttempt ? .first : .retry)
            held[delivery.id] = entry
            guard !turns.isParked(delivery.id, webhook: entry.webhook) else { continue }
            added = due.insert(delivery.id, lane: entry.lane, dueAt: dueAt) || added
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
                    while let (id, lane) = due.popNext(at: now) {
                        let webhook = held[id]?.webhook ?? ""
                        guard !inFlight.contains(id), turns.mayStart(id, webhook: webhook),
                            lanes.admit(id, webhook: webhook)
                        else { continue }
                        due.started(lane)
                        inFlight.insert(id)
                        group.addTask { await self.attempt(deliveryId: id) }
                    }
                    for webhook in turnsToPass {
                        group.addTask { await self.passTurn(of: webhook) }
                    }
                    turnsToPass.removeAll()
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
        logger.debug("delivery engine stopped", metadata: ["queued": "\(queuedCount)"])
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

    /// How long the loop may sleep: until the earliest delivery that could start is due, or
    /// a while when none could (a finishing attempt or new work wakes it).
    private func waitTime(from now: Date) -> Duration {
        guard let next = due.nextDueAt else { return .seconds(3600) }
        return .milliseconds(max(0, Int64(next.timeIntervalSince(now) * 1000)))
    }

    private func loadBacklog() async throws {
        let backlog = try await store.dueDeliveries(limit: configuration.backlogLimit)
        for item in backlog {
            if item.ordering == .fifo { turns.learnFifo(item.webhookId) }
            hold(item)
        }
        if !backlog.isEmpty {
            logger.info("resuming deliveries from the store", metadata: ["count": "\(backlog.count)"])
        }
    }

    /// Holds a delivery the store reported due and queues it, unless it is under way.
    func hold(_ item: DueDelivery) {
        let entry = held[item.deliveryId] ?? HeldDelivery(webhook: item.webhookId, lane: item.isFirstAttempt ? .first : .retry)
        held[item.deliveryId] = entry
        guard !inFlight.contains(item.deliveryId) else { return }
        if due.insert(item.deliveryId, lane: entry.lane, dueAt: item.dueAt) { wake.signal() }
    }

    /// Queues held deliveries again at once (released from a fifo webhook's line).
    func requeueNow(_ deliveryIds: [String]) {
        let now = Date()
        for id in deliveryIds where !inFlight.contains(id) {
            guard let entry = held[id] else { continue }
            due.insert(id, lane: entry.lane, dueAt: now)
        }
        if !deliveryIds.isEmpty { wake.signal() }
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
        // Not its fifo turn, or over the webhook's rate: the engine has put it back.
        guard await clearance(for: work) else { return }
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
            await finished(
                deliveryId, nextDueAt: now.addingTimeInterval(configuration.storeRetryDelay.timeInterval), attempted: true)
            return
        }
        logger.debug(
            "attempt finished",
            metadata: [
                "delivery": "\(deliveryId)", "webhook": "\(work.webhook.qualifiedName)", "result": "\(outcome.summary)",
                "status": "\(next.status.rawValue)", "address": "\(result.resolvedAddress?.description ?? "-")",
            ])
        await finished(deliveryId, nextDueAt: next.status.isAwaitingAttempt ? next.nextAttemptAt : nil, attempted: true)
    }

    /// Takes a rate-limit slot for the webhook; the time to wait for one when there is none.
    func reserve(_ webhookId: String, _ limit: RateLimit) -> Date? {
        let now = Date()
        // Sweep old paces only when the engine is nearly idle, to keep this O(1) under load.
        if inFlight.count <= 1 { pacing.forgetIdle(before: now) }
        return pacing.reserve(webhook: webhookId, limit: limit, at: now)
    }

    /// Takes an attempt that is under way off the books: frees its slot and its webhook's
    /// room (letting the delivery that waited longest for that room through). The delivery
    /// itself stays held.
    func vacate(_ deliveryId: String) {
        guard inFlight.remove(deliveryId) != nil, let entry = held[deliveryId] else { return }
        due.ended(entry.lane)
        if let waiting = lanes.release(webhook: entry.webhook), let waitingEntry = held[waiting] {
            due.insert(waiting, lane: waitingEntry.lane, dueAt: .distantPast)
        }
        wake.signal()
    }

    /// Notes that an attempt under way is over: the delivery is queued again for
    /// `nextDueAt`, as a re-send once it has been `attempted`, or, with no next time, let go
    /// (passing its fifo webhook's turn on).
    func finished(_ deliveryId: String, nextDueAt: Date?, attempted: Bool = false) {
        vacate(deliveryId)
        guard var entry = held[deliveryId] else { return }
        if attempted { entry.lane = .retry }
        if let nextDueAt, acceptingWork {
            held[deliveryId] = entry
            due.insert(deliveryId, lane: entry.lane, dueAt: nextDueAt)
        } else {
            held[deliveryId] = nil
            if turns.ended(deliveryId, webhook: entry.webhook) { turnsToPass.append(entry.webhook) }
        }
        wake.signal()
    }
}

/// What the engine keeps of each delivery it holds.
struct HeldDelivery: Sendable, Equatable {
    var webhook: String
    /// The lane it waits in: set when it is first held, `retry` once attempted.
    var lane: AttemptLane
}
