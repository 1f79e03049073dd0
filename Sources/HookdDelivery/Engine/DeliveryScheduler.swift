import Foundation
import HookdCore
import HookdStore

/// The delivery engine's decisions, as a value with no I/O: which held deliveries start
/// now, which are skipped, how an attempt's end is written, what to claim or let go, and
/// when to wake next. `DeliveryEngine` feeds it events and performs what it returns.
///
/// Every admission check is made here, in memory, before any I/O: the webhook's current
/// settings (a cache refreshed on every change), its in-flight limit, its rate limit and,
/// for a fifo webhook, whose turn it is. First attempts and re-sends share the global
/// in-flight slots through `AttemptLanes`; each webhook's own limit is kept by
/// `WebhookLanes`.
struct DeliveryScheduler {
    /// The engine's limits.
    struct Limits: Equatable {
        var maximumInFlight: Int
        var maximumInFlightRetries: Int
        var maximumInFlightPerWebhook: Int
        /// Deliveries held in memory at most (queued, waiting or under way); the rest stay in
        /// the store until there is room.
        var maximumHeld: Int
        /// A failed delivery whose next attempt is due within this long stays in memory;
        /// a later one goes back to the store until it is due.
        var keepRetriesWithin: TimeInterval
    }

    /// A delivery the engine holds.
    struct Held {
        var work: DeliveryWork
        var lane: AttemptLane
    }

    let limits: Limits
    /// True when other nodes claim from the same store (`DeliveryQueue.sharesRateLimits`): a
    /// rate-limited webhook is then sent by whichever node a claim makes its sender.
    let sharesRateLimits: Bool
    private(set) var held: [String: Held] = [:]
    private var due: AttemptLanes
    private var webhookLanes: WebhookLanes
    private(set) var inFlight: Set<String> = []
    /// Each fifo webhook's turn holder: the only delivery of it the engine holds.
    private var fifoTurns: [String: String] = [:]
    private var pacing = RateLimiter()
    /// Every webhook's current settings.
    private(set) var webhooks: [String: Webhook] = [:]
    /// When the store may next have work nobody holds; `nil` when it has none.
    private(set) var storeDueAt: Date?
    /// Room promised to a write under way (`reserveRoom`).
    private var reserved = 0

    init(limits: Limits, sharesRateLimits: Bool = false) {
        self.limits = limits
        self.sharesRateLimits = sharesRateLimits
        due = AttemptLanes(limit: limits.maximumInFlight, retryLimit: limits.maximumInFlightRetries)
        webhookLanes = WebhookLanes(limit: limits.maximumInFlightPerWebhook)
    }

    // MARK: Counts

    /// Deliveries held and not under way.
    var queuedCount: Int { held.count - inFlight.count }
    /// Re-sends waiting for their time or a slot.
    var queuedRetryCount: Int { due.retryCount }
    /// Re-sends under way.
    var inFlightRetryCount: Int { due.retryInFlight }
    /// How many more deliveries fit in memory.
    var room: Int { max(0, limits.maximumHeld - held.count - reserved) }

    // MARK: Work coming in

    /// Sets the webhooks the engine knows at start.
    mutating func learn(_ webhooks: [Webhook]) {
        for webhook in webhooks { self.webhooks[webhook.id] = webhook }
    }

    /// Notes that the store may have work nobody holds, due at `dueAt`.
    mutating func storeMayHaveWork(dueAt: Date) {
        storeDueAt = min(storeDueAt ?? dueAt, dueAt)
    }

    /// Takes work handed over (publish, claim, the next in a fifo line). Returns deliveries
    /// the engine must let go instead: a fifo webhook's that are not its turn.
    mutating func accept(_ work: [DeliveryWork]) -> [String] {
        var release: [String] = []
        for item in work where item.delivery.status.isAwaitingAttempt {
            let id = item.delivery.id
            guard held[id] == nil else { continue }
            let webhookId = item.delivery.webhookId
            if webhooks[webhookId] == nil { webhooks[webhookId] = item.webhook }
            if webhooks[webhookId]?.ordering == .fifo {
                if let turn = fifoTurns[webhookId], turn != id {
                    release.append(id)
                    continue
                }
                fifoTurns[webhookId] = id
            }
            let lane: AttemptLane = item.delivery.awaitsFirstAttempt ? .first : .retry
            held[id] = Held(work: item, lane: lane)
            due.insert(id, lane: lane, dueAt: item.delivery.nextAttemptAt ?? .distantPast)
        }
        return release
    }

    /// What a claim brought, and when the store has more. The rate-limited webhooks it made
    /// this node the sender of start their pace from the attempts made before.
    mutating func claimed(_ claim: ClaimedWork, limit: Int) -> [String] {
        storeDueAt = claim.work.count >= limit ? .distantPast : claim.nextDueAt
        for (webhookId, attempts) in claim.rateLimitHandovers {
            let claimedSettings = claim.work.first { $0.delivery.webhookId == webhookId }?.webhook
            // The claim read the webhook as rate-limited: settings cached before that change
            // was heard of (its notice is on its way) are replaced, not sent unpaced.
            if let claimedSettings, let cached = webhooks[webhookId], cached.rateLimit == nil,
                claimedSettings.updatedAt >= cached.updatedAt
            {
                webhooks[webhookId] = claimedSettings
            }
            pacing.takeOver(webhookId, attempts: attempts, limit: webhooks[webhookId]?.rateLimit ?? claimedSettings?.rateLimit)
        }
        return accept(claim.work)
    }

    /// Promises the room a write under way may fill with new work.
    mutating func reserveRoom() -> Int {
        let room = self.room
        reserved += room
        return room
    }

    /// What a write did: its new work, the webhooks it disabled, and deliveries whose rows
    /// were gone. Gives back the room reserved for it.
    mutating func written(_ receipt: QueueWriteReceipt, reservedRoom: Int, at now: Date) -> [String] {
        reserved = max(0, reserved - reservedRoom)
        for webhook in receipt.disabled { webhooks[webhook.id] = webhook }
        for id in receipt.gone { drop(id) }
        if receipt.leftInStore { storeMayHaveWork(dueAt: now) }
        return accept(receipt.handedOver)
    }

    // MARK: Deciding

    /// What to do at `now`.
    mutating func step(at now: Date) -> SchedulerStep {
        var step = SchedulerStep()
        var postponed: [(String, AttemptLane, Date)] = []
        while let (id, lane) = due.popNext(at: now) {
            guard let entry = held[id] else { continue }
            let webhookId = entry.work.delivery.webhookId
            guard let webhook = webhooks[webhookId] else {
                // Deleted: its deliveries went with it.
                drop(id)
                continue
            }
            guard webhook.enabled else {
                step.completions.append(.skipped(entry.work.delivery, at: now))
                drop(id)
                continue
            }
            if let limit = webhook.rateLimit {
                switch pacing.decision(for: webhookId, limit: limit, at: now) {
                case .now: break
                case .at(let time):
                    postponed.append((id, lane, time))
                    continue
                case .afterAnAttemptEnds:
                    // Queued again at once; the ending attempt wakes the engine.
                    postponed.append((id, lane, now.addingTimeInterval(RateLimiter.window)))
                    continue
                }
            }
            guard webhookLanes.admit(id, webhook: webhookId) else { continue }
            if let limit = webhook.rateLimit { pacing.started(id, webhook: webhookId, limit: limit) }
            due.started(lane)
            inFlight.insert(id)
            var work = entry.work
            work.webhook = webhook
            step.start.append(work)
        }
        for (id, lane, time) in postponed { due.insert(id, lane: lane, dueAt: time) }
        if let storeDueAt, storeDueAt <= now, room > 0 {
            step.claim = true
        }
        step.wakeAt = [due.nextDueAt, room > 0 ? storeDueAt : nil].compactMap { $0 }.min()
        return step
    }

    /// How an attempt ended: the completion to write, and what the engine keeps.
    mutating func ended(
        _ deliveryId: String, result: AttemptResult, startedAt: Date, durationMs: Int64, at now: Date, jitter: Double
    ) -> AttemptCompletion? {
        guard let entry = held[deliveryId], inFlight.remove(deliveryId) != nil else { return nil }
        let delivery = entry.work.delivery
        let webhookId = delivery.webhookId
        vacate(deliveryId, lane: entry.lane, webhook: webhookId, at: now)
        let retry = webhooks[webhookId]?.retry ?? entry.work.webhook.retry
        let next = delivery.after(result.outcome, startedAt: startedAt, retry: retry, now: now, jitter: jitter)
        let attempt = Attempt(
            deliveryId: deliveryId, number: next.attempts, startedAt: startedAt, durationMs: durationMs,
            outcome: result.outcome, trigger: delivery.nextTrigger, nextAttemptAt: next.nextAttemptAt,
            resolvedAddress: result.resolvedAddress?.description)
        let disableReason = result.outcome.statusCode == 410 ? Webhook.goneReason(at: now) : nil
        var keep = false
        if next.status.isAwaitingAttempt, let nextAt = next.nextAttemptAt {
            let isTurn = fifoTurns[webhookId] == deliveryId
            // A fifo head keeps its webhook's turn however long it waits.
            keep = isTurn || (nextAt.timeIntervalSince(now) <= limits.keepRetriesWithin && held.count <= limits.maximumHeld)
            if keep {
                var kept = entry
                kept.work.delivery = next
                kept.lane = .retry
                held[deliveryId] = kept
                due.insert(deliveryId, lane: .retry, dueAt: nextAt)
            } else {
                drop(deliveryId)
                storeMayHaveWork(dueAt: nextAt)
            }
        } else {
            drop(deliveryId)
        }
        return AttemptCompletion(delivery: next, attempt: attempt, keep: keep, disableReason: disableReason)
    }

    /// Lets go of an attempt that will not be recorded (abandoned at shutdown): the store
    /// still has the delivery as it was.
    mutating func abandoned(_ deliveryId: String, at now: Date) {
        guard let entry = held[deliveryId], inFlight.remove(deliveryId) != nil else { return }
        vacate(deliveryId, lane: entry.lane, webhook: entry.work.delivery.webhookId, at: now)
        drop(deliveryId)
    }

    /// Deliveries held and not under way, to let go at shutdown.
    var idle: [String] { held.keys.filter { !inFlight.contains($0) } }

    // MARK: Webhook changes

    /// Takes a webhook's new settings. Returns deliveries to let go, those not under way: when
    /// it turned fifo (the store hands its line out in order from then on), and on a shared
    /// store when it became rate-limited (a claim gives it one sender from then on).
    mutating func webhookChanged(_ webhook: Webhook, at now: Date) -> [String] {
        let before = webhooks[webhook.id]
        webhooks[webhook.id] = webhook
        let turnedFifo = before?.ordering != webhook.ordering && webhook.ordering == .fifo
        let becameRateLimited = sharesRateLimits && before?.rateLimit == nil && webhook.rateLimit != nil
        if before?.ordering != webhook.ordering {
            fifoTurns[webhook.id] = nil
            storeMayHaveWork(dueAt: now)
        }
        guard turnedFifo || becameRateLimited else { return [] }
        storeMayHaveWork(dueAt: now)
        let release = held.filter { $0.value.work.delivery.webhookId == webhook.id && !inFlight.contains($0.key) }.map(\.key)
        for id in release { drop(id) }
        if turnedFifo, let underWay = inFlight.first(where: { held[$0]?.work.delivery.webhookId == webhook.id }) {
            fifoTurns[webhook.id] = underWay
        }
        return release.sorted()
    }

    /// Forgets a deleted webhook and the deliveries held for it (attempts under way end
    /// and find their rows gone).
    mutating func webhookDeleted(_ webhookId: String) {
        webhooks[webhookId] = nil
        fifoTurns[webhookId] = nil
        for (id, entry) in held where entry.work.delivery.webhookId == webhookId && !inFlight.contains(id) {
            drop(id)
        }
    }

    // MARK: Bookkeeping

    private mutating func vacate(_ deliveryId: String, lane: AttemptLane, webhook: String, at now: Date) {
        due.ended(lane)
        pacing.ended(deliveryId, webhook: webhook, at: now)
        if let waiting = webhookLanes.release(webhook: webhook), let entry = held[waiting] {
            due.insert(waiting, lane: entry.lane, dueAt: .distantPast)
        }
        if inFlight.count <= 1 { pacing.forgetIdle(before: now) }
    }

    /// Forgets a held delivery that is not under way.
    private mutating func drop(_ deliveryId: String) {
        guard let entry = held.removeValue(forKey: deliveryId) else { return }
        due.remove(deliveryId)
        let webhookId = entry.work.delivery.webhookId
        if fifoTurns[webhookId] == deliveryId { fifoTurns[webhookId] = nil }
    }
}

/// What the scheduler asks the engine to do now.
struct SchedulerStep {
    /// Attempts to start, each with the webhook's current settings.
    var start: [DeliveryWork] = []
    /// Ends to write without an attempt (skipped: the webhook is disabled).
    var completions: [AttemptCompletion] = []
    /// Claim work from the store (as much as there is room for).
    var claim = false
    /// When to decide again at the latest; `nil` when only new work can change anything.
    var wakeAt: Date?
}
