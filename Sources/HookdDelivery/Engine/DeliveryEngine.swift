import Foundation
import HookdCore
import HookdStore
import Logging
import ServiceLifecycle

/// Sends due deliveries, records each attempt and schedules retries.
///
/// The store is the durable log and the engine's queue (`DeliveryQueue`); the engine keeps
/// what it holds in memory and decides everything there (`DeliveryScheduler`): work handed
/// over at publish goes to the sender without another read, and a webhook's settings come
/// from a cache refreshed on every change. Writes are group-committed (`CommitQueue`): the
/// publishes and attempt ends that arrive while one transaction runs share the next, and
/// an attempt's end — attempt row, delivery state, health, disabling, hookd's own events —
/// is one commit. Beyond `maximumHeld` deliveries, the rest stay in the store and are
/// claimed as room frees. On start the engine registers as a node and claims what is due,
/// which is how work survives a restart (sent again with the same `webhook-id`). On
/// graceful shutdown it takes no new work, lets attempts under way finish and be written,
/// and lets go of the rest.
public actor DeliveryEngine: Service {
    let queue: any DeliveryQueue
    private let sender: any AttemptSender
    let configuration: Configuration
    private let clock: any EngineClock
    private let jitter: @Sendable () -> Double
    let logger: Logger
    private let wake = WakeSignal()
    private let heartbeatWake = WakeSignal()
    private let commits: CommitQueue
    private let metrics: EngineMetrics
    /// Every committed publish and attempt end, for watchers (`Deliveries.Watch`).
    public nonisolated let changes = ChangeFeed()

    var scheduler: DeliveryScheduler
    private var acceptingWork = true
    private var claiming = false

    /// - Parameters:
    ///   - queue: the store's queue.
    ///   - webhooks: every webhook at start (the settings cache).
    ///   - clock: the engine's time; wall-clock time unless a test moves it by hand.
    ///   - jitter: the fraction each scheduled retry wait is stretched by.
    public init(
        queue: any DeliveryQueue, sender: any AttemptSender, webhooks: [Webhook] = [],
        configuration: Configuration = Configuration(), clock: any EngineClock = SystemEngineClock(),
        jitter: @escaping @Sendable () -> Double = {
            var random = BufferedSystemRandom()
            return Double.random(in: RetrySchedule.jitterRange, using: &random)
        }, logger: Logger
    ) {
        self.queue = queue
        self.sender = sender
        self.configuration = configuration
        self.clock = clock
        self.jitter = jitter
        self.logger = logger
        commits = CommitQueue(maximumEventsPerRound: configuration.maximumEventsPerCommit)
        metrics = EngineMetrics(detail: configuration.metrics)
        scheduler = DeliveryScheduler(limits: configuration.limits, sharesRateLimits: queue.sharesRateLimits)
        scheduler.learn(webhooks)
    }

    // MARK: What the application layer calls

    /// Queues events for the next group commit; the ticket's outcomes come after it.
    public nonisolated func publish(_ events: [Event]) -> PublishTicket {
        commits.submit(publish: events)
    }

    /// Takes a webhook's new settings (created, updated, enabled, disabled, rotated).
    public func webhookChanged(_ webhook: Webhook) {
        let release = scheduler.webhookChanged(webhook, at: clock.now)
        letGo(release)
        wake.signal()
    }

    /// Forgets a deleted webhook.
    public func webhookDeleted(_ webhookId: String) {
        scheduler.webhookDeleted(webhookId)
        wake.signal()
    }

    /// Tells the engine the store has new work nobody holds (a redelivery, a recovery, a
    /// test event), due at `dueAt`.
    public func storeHasWork(dueAt: Date? = nil) {
        scheduler.storeMayHaveWork(dueAt: dueAt ?? clock.now)
        wake.signal()
    }

    /// Deliveries held and waiting (for their time, a slot, their webhook's room or turn).
    public var queuedCount: Int { scheduler.queuedCount }
    /// Re-sends (retries, redeliveries, recoveries) waiting for their time or a slot.
    public var queuedRetryCount: Int { scheduler.queuedRetryCount }
    /// Attempts under way.
    public var inFlightCount: Int { scheduler.inFlight.count }
    /// Re-sends under way.
    public var inFlightRetryCount: Int { scheduler.inFlightRetryCount }

    // MARK: Running

    /// Runs until cancelled or until graceful shutdown, then waits for attempts under way.
    public func run() async throws {
        try await queue.register(node: configuration.nodeId, at: clock.now)
        scheduler.storeMayHaveWork(dueAt: .distantPast)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.runCommits() }
                group.addTask { await self.runHeartbeats() }
                await runAttempts()
                commits.close()
                heartbeatWake.signal()
            }
        } onGracefulShutdown: {
            Task { await self.stopAcceptingWork() }
        }
        let idle = scheduler.idle
        if !idle.isEmpty {
            do {
                try await queue.release(deliveryIds: idle, owner: configuration.nodeId)
            } catch {
                logger.warning("could not let go of held deliveries", metadata: ["error": "\(error)"])
            }
        }
        logger.debug("delivery engine stopped", metadata: ["held": "\(idle.count)"])
    }

    /// The decision loop: starts attempts, hands skips to the commit queue, claims, sleeps.
    private func runAttempts() async {
        await withDiscardingTaskGroup { attempts in
            while acceptingWork && !Task.isCancelled {
                let step = scheduler.step(at: clock.now)
                for work in step.start {
                    attempts.addTask { await self.attempt(work) }
                }
                commits.submit(step.completions)
                if step.claim && !claiming {
                    claiming = true
                    attempts.addTask { await self.claim() }
                }
                await wake.wait(until: Self.wakeTime(step.wakeAt, claiming: claiming, now: clock.now), clock: clock)
            }
            await letInFlightFinish(within: configuration.shutdownGrace)
            if !scheduler.inFlight.isEmpty {
                logger.info(
                    "abandoning attempts still under way; they stay pending and are sent again on restart",
                    metadata: ["count": "\(scheduler.inFlight.count)"])
                attempts.cancelAll()
            }
        }
    }

    /// Waits for attempts under way to end, at most `grace`, so a hanging endpoint cannot
    /// hold up a shutdown for its whole timeout.
    private func letInFlightFinish(within grace: Interval) async {
        let deadline = clock.now.addingTimeInterval(grace.timeInterval)
        while !scheduler.inFlight.isEmpty, !Task.isCancelled, clock.now < deadline {
            await wake.wait(until: deadline, clock: clock)
        }
    }

    private func stopAcceptingWork() {
        acceptingWork = false
        wake.signal()
    }

    /// When the decision loop should look again without being signalled. While a claim runs,
    /// a wake time already past means "claim now", which the running claim will answer with
    /// a signal: waiting until then (rather than until now) keeps the loop from spinning.
    static func wakeTime(_ wakeAt: Date?, claiming: Bool, now: Date) -> Date? {
        guard claiming, let wakeAt else { return wakeAt }
        return wakeAt > now ? wakeAt : nil
    }

    /// Makes one attempt; runs off the actor.
    private nonisolated func attempt(_ work: DeliveryWork) async {
        let startedAt = clock.now
        let result = await sender.send(work, timestamp: Int64(startedAt.timeIntervalSince1970))
        if Task.isCancelled {
            // Shutdown abandoned the attempt: the store keeps the delivery as it was, due, so
            // the next start sends it again (at-least-once).
            await abandoned(work.delivery.id)
            return
        }
        await ended(work, result: result, startedAt: startedAt)
    }

    private func ended(_ work: DeliveryWork, result: AttemptResult, startedAt: Date) {
        let now = clock.now
        let durationMs = Int64(max(0, now.timeIntervalSince(startedAt)) * 1000)
        guard
            let completion = scheduler.ended(
                work.delivery.id, result: result, startedAt: startedAt, durationMs: durationMs, at: now,
                jitter: jitter())
        else { return }
        // A fifo line's next delivery is handed over by this commit: it must not linger.
        commits.submit([completion], urgent: work.webhook.ordering == .fifo)
        logAttempt(work, completion, result)
        wake.signal()
    }

    private func abandoned(_ deliveryId: String) {
        scheduler.abandoned(deliveryId, at: clock.now)
        wake.signal()
    }

    /// Claims due work the store holds for nobody; runs off the actor.
    private nonisolated func claim() async {
        let limit = await claimStarted()
        do {
            let claimed = try await queue.claim(owner: configuration.nodeId, limit: limit, dueBy: clock.now)
            await claimEnded(claimed, limit: limit)
        } catch where Task.isCancelled {
            // The engine is stopping (its grace ran out, or it was cancelled): the store keeps
            // what it had, for the next start.
            logger.debug("claim stopped: the engine is stopping")
            await claimFailed()
        } catch {
            logger.error("could not claim deliveries from the store", metadata: ["error": "\(error)"])
            await claimFailed()
        }
    }

    private func claimStarted() -> Int {
        min(scheduler.room, configuration.claimBatch)
    }

    private func claimEnded(_ claimed: ClaimedWork, limit: Int) {
        claiming = false
        letGo(scheduler.claimed(claimed, limit: limit))
        if !claimed.work.isEmpty {
            logger.debug("claimed deliveries from the store", metadata: ["count": "\(claimed.work.count)"])
        }
        wake.signal()
    }

    private func claimFailed() {
        claiming = false
        scheduler.storeMayHaveWork(dueAt: clock.now.addingTimeInterval(configuration.storeRetryDelay.timeInterval))
        wake.signal()
    }

    /// Hands deliveries the engine will not hold back to the store, in the background.
    private func letGo(_ deliveryIds: [String]) {
        guard !deliveryIds.isEmpty else { return }
        scheduler.storeMayHaveWork(dueAt: clock.now)
        let queue = queue
        let owner = configuration.nodeId
        let logger = logger
        Task {
            do {
                try await queue.release(deliveryIds: deliveryIds, owner: owner)
            } catch {
                logger.error("could not let go of deliveries", metadata: ["error": "\(error)"])
            }
            self.storeHasWork()
        }
    }

    // MARK: Group commit

    /// The one writer: takes whatever publishes and attempt ends have queued, commits them in
    /// one transaction, then settles every publisher and hands the new work to the scheduler.
    private nonisolated func runCommits() async {
        while let round = await commits.nextRound() {
            do {
                try await commit(round.publishes, round.completions)
                continue
            } catch {
                guard !round.publishes.isEmpty, !round.completions.isEmpty else {
                    await commitFailed(round, error)
                    continue
                }
            }
            // Mixed round: one failing part must not sink the other. Publishes alone first,
            // so a write an attempt's end cannot make never holds producers back.
            do {
                try await commit(round.publishes, [])
            } catch {
                await commitFailed(CommitQueue.Round(publishes: round.publishes), error)
            }
            await commitEach(round.completions)
        }
    }

    /// One group commit: writes `publishes` and `completions` together, then settles every
    /// publisher and hands the new work to the scheduler.
    private nonisolated func commit(
        _ publishes: [(events: [Event], ticket: PublishTicket)], _ completions: [AttemptCompletion]
    ) async throws {
        let room = await reserveRoom()
        let batch = QueueWrite(
            owner: configuration.nodeId, now: clock.now, publishes: publishes.map(\.events), completions: completions,
            room: room, autoDisable: configuration.autoDisable)
        let receipt: QueueWriteReceipt
        let started = ContinuousClock.now
        do {
            receipt = try await queue.write(batch)
        } catch {
            await writeFailed(reservedRoom: room)
            throw error
        }
        metrics.committed(completions, receipt: receipt, duration: ContinuousClock.now - started)
        // Producers hear first: their events are durable now, and the engine actor may be
        // busy with attempt ends for a while.
        for (index, publish) in publishes.enumerated() {
            publish.ticket.settle(.success(receipt.published[index]))
        }
        if changes.isWatched { changes.publish(Self.changes(receipt, completions)) } else { changes.unwatchedCommit() }
        await written(receipt, reservedRoom: room)
    }

    /// Writes attempt ends one by one after their batch failed. When every one fails the
    /// store is at fault (full, read-only): all wait and are tried again. When only some do,
    /// those cannot be written at all; they are logged and left in the store as they were,
    /// to be sent again after a restart, rather than blocking every later commit.
    private nonisolated func commitEach(_ completions: [AttemptCompletion]) async {
        var failed: [(AttemptCompletion, any Error)] = []
        for completion in completions {
            do {
                try await commit([], [completion])
            } catch {
                failed.append((completion, error))
            }
        }
        guard let (_, error) = failed.first else { return }
        if failed.count == completions.count {
            await commitFailed(CommitQueue.Round(completions: completions), error)
            return
        }
        for (completion, error) in failed {
            logger.error(
                "could not write an attempt result; the delivery stays as stored and is sent again after a restart",
                metadata: ["delivery": "\(completion.delivery.id)", "error": "\(error)"])
        }
    }

    /// A round whose write failed: publishers hear why; attempt ends wait a while and are
    /// tried again.
    private nonisolated func commitFailed(_ round: CommitQueue.Round, _ error: any Error) async {
        for publish in round.publishes { publish.ticket.settle(.failure(error)) }
        guard !round.completions.isEmpty else { return }
        logger.error(
            "could not write attempt results; trying again",
            metadata: ["count": "\(round.completions.count)", "error": "\(error)"])
        commits.putBack(round.completions)
        try? await clock.sleep(until: clock.now.addingTimeInterval(configuration.storeRetryDelay.timeInterval))
    }

    private func reserveRoom() -> Int { scheduler.reserveRoom() }

    private func written(_ receipt: QueueWriteReceipt, reservedRoom: Int) {
        letGo(scheduler.written(receipt, reservedRoom: reservedRoom, at: clock.now))
        for webhook in receipt.disabled {
            logger.warning(
                "webhook disabled",
                metadata: ["webhook": "\(webhook.qualifiedName)", "reason": "\(webhook.disabledReason ?? "")"])
        }
        wake.signal()
    }

    private func writeFailed(reservedRoom: Int) {
        _ = scheduler.written(QueueWriteReceipt(), reservedRoom: reservedRoom, at: clock.now)
    }

    /// Tells the store this node is alive, every `heartbeatInterval`, until shutdown or
    /// cancellation (a cancelled wait returns at once: without the check it would spin).
    private nonisolated func runHeartbeats() async {
        while await isAcceptingWork(), !Task.isCancelled {
            await heartbeatWake.wait(
                until: clock.now.addingTimeInterval(configuration.heartbeatInterval.timeInterval), clock: clock)
            guard await isAcceptingWork(), !Task.isCancelled else { return }
            do {
                try await queue.heartbeat(node: configuration.nodeId, at: clock.now)
            } catch {
                logger.warning("could not record the node's heartbeat", metadata: ["error": "\(error)"])
            }
        }
    }

    private func isAcceptingWork() -> Bool { acceptingWork }

    /// Logs an attempt's end: a failure at info with when the next attempt is due, a
    /// delivery with no attempt left at warning, a success only at debug (the hot path: its
    /// metadata is built only when debug is on).
    private func logAttempt(_ work: DeliveryWork, _ completion: AttemptCompletion, _ result: AttemptResult) {
        let delivery = completion.delivery
        if result.outcome.isSuccess {
            logger.debug(
                "attempt delivered",
                metadata: [
                    "delivery": "\(delivery.id)", "webhook": "\(work.webhook.qualifiedName)", "attempt": "\(delivery.attempts)",
                ])
            return
        }
        let metadata: Logger.Metadata = [
            "delivery": "\(delivery.id)", "webhook": "\(work.webhook.qualifiedName)",
            "result": "\(result.outcome.summary)", "status": "\(delivery.status.rawValue)", "attempt": "\(delivery.attempts)",
            "next_attempt": "\(delivery.nextAttemptAt.map(Timestamp.format) ?? "none")",
        ]
        if delivery.status == .failed {
            logger.warning("delivery exhausted: failed after its last attempt", metadata: metadata)
        } else {
            logger.info("attempt failed", metadata: metadata)
        }
    }
}

extension DeliveryEngine {
    /// Takes every webhook's settings after a change to many at once (a manifest apply):
    /// changed ones are taken as `webhookChanged`, missing ones as deleted.
    public func webhooksReloaded(_ webhooks: [Webhook]) {
        let current = Set(webhooks.map(\.id))
        for id in scheduler.webhooks.keys where !current.contains(id) {
            webhookDeleted(id)
        }
        for webhook in webhooks where scheduler.webhooks[webhook.id] != webhook {
            webhookChanged(webhook)
        }
    }
}
