import Foundation
import HookdCore
import HookdStore
import Testing

@testable import HookdDelivery

/// The engine's decisions, driven with explicit times: no sockets, no store, no sleeping.
struct DeliverySchedulerTests {
    let t0 = EngineFixture.start

    func scheduler(
        inFlight: Int = 8, perWebhook: Int = 4, held: Int = 100, keepWithin: TimeInterval = 60
    ) -> DeliveryScheduler {
        DeliveryScheduler(
            limits: DeliveryScheduler.Limits(
                maximumInFlight: inFlight, maximumInFlightRetries: max(1, inFlight / 2),
                maximumInFlightPerWebhook: perWebhook, maximumHeld: held, keepRetriesWithin: keepWithin))
    }

    @Test("handed-over work starts at once, within the global and per-webhook limits")
    func admission() {
        var scheduler = scheduler(inFlight: 4, perWebhook: 2)
        let a = EngineFixture.webhook("wh_a")
        let b = EngineFixture.webhook("wh_b")
        #expect(scheduler.accept((1...3).map { EngineFixture.work("a\($0)", to: a) }).isEmpty)
        #expect(scheduler.accept((1...2).map { EngineFixture.work("b\($0)", to: b) }).isEmpty)
        let first = scheduler.step(at: t0)
        #expect(first.start.map(\.delivery.id).sorted() == ["a1", "a2", "b1", "b2"])
        #expect(scheduler.queuedCount == 1)
        // a3 waits for a's room, not for a global slot.
        #expect(scheduler.step(at: t0).start.isEmpty)
        let completion = scheduler.ended("a1", result: EngineFixture.ok, startedAt: t0, durationMs: 1, at: t0, jitter: 0)
        #expect(completion?.delivery.status == .delivered)
        #expect(completion?.attempt?.number == 1)
        #expect(completion?.keep == false)
        #expect(scheduler.step(at: t0).start.map(\.delivery.id) == ["a3"])
    }

    @Test("work handed over twice is held once, and nothing is started before it is due")
    func dueTimes() {
        var scheduler = scheduler()
        let a = EngineFixture.webhook("wh_a")
        _ = scheduler.accept([EngineFixture.work("d1", to: a, due: t0.addingTimeInterval(5))])
        _ = scheduler.accept([EngineFixture.work("d1", to: a, due: t0.addingTimeInterval(5))])
        let early = scheduler.step(at: t0)
        #expect(early.start.isEmpty)
        #expect(early.wakeAt == t0.addingTimeInterval(5))
        #expect(scheduler.step(at: t0.addingTimeInterval(5)).start.map(\.delivery.id) == ["d1"])
        #expect(scheduler.step(at: t0.addingTimeInterval(6)).start.isEmpty)
    }

    @Test("a disabled webhook's deliveries are skipped when due, without an attempt; a deleted one's dropped")
    func disabledAndDeleted() {
        var scheduler = scheduler()
        var a = EngineFixture.webhook("wh_a")
        let b = EngineFixture.webhook("wh_b")
        _ = scheduler.accept([EngineFixture.work("a1", to: a), EngineFixture.work("b1", to: b)])
        a.enabled = false
        #expect(scheduler.webhookChanged(a, at: t0).isEmpty)
        scheduler.webhookDeleted(b.id)
        let step = scheduler.step(at: t0)
        #expect(step.start.isEmpty)
        #expect(step.completions.map(\.delivery.id) == ["a1"])
        #expect(step.completions.first?.delivery.status == .skipped)
        #expect(step.completions.first?.attempt == nil)
        #expect(scheduler.held.isEmpty)
    }

    @Test("the settings sent with come from the engine's cache, not the work's snapshot")
    func settingsCache() {
        var scheduler = scheduler()
        let stale = EngineFixture.webhook("wh_a")
        var fresh = stale
        fresh.url = "http://127.0.0.1:9/moved"
        scheduler.learn([fresh])
        _ = scheduler.accept([EngineFixture.work("a1", to: stale)])
        #expect(scheduler.step(at: t0).start.first?.webhook.url == "http://127.0.0.1:9/moved")
    }

    @Test("a fifo webhook has one delivery held at a time; others handed over are let go")
    func fifoTurn() {
        var scheduler = scheduler()
        let ledger = EngineFixture.webhook("wh_ledger", ordering: .fifo)
        let released = scheduler.accept([EngineFixture.work("l1", to: ledger), EngineFixture.work("l2", to: ledger)])
        #expect(released == ["l2"])
        #expect(scheduler.step(at: t0).start.map(\.delivery.id) == ["l1"])
        // Failing keeps the turn, however far the retry.
        let failed = scheduler.ended(
            "l1", result: EngineFixture.serverError, startedAt: t0, durationMs: 1, at: t0, jitter: 0)
        #expect(failed?.keep == true)
        #expect(scheduler.accept([EngineFixture.work("l2", to: ledger)]) == ["l2"])
        let retried = scheduler.step(at: t0.addingTimeInterval(10))
        #expect(retried.start.map(\.delivery.id) == ["l1"])
        _ = scheduler.ended("l1", result: EngineFixture.ok, startedAt: t0, durationMs: 1, at: t0.addingTimeInterval(10), jitter: 0)
        // The turn is free: the next in line (handed over by the store) may go.
        #expect(scheduler.accept([EngineFixture.work("l2", to: ledger)]).isEmpty)
        #expect(scheduler.step(at: t0.addingTimeInterval(10)).start.map(\.delivery.id) == ["l2"])
    }

    @Test("a failed attempt is retried on its schedule: kept in memory when due soon, left to the store when later")
    func retryTiming() {
        var scheduler = scheduler(keepWithin: 60)
        let a = EngineFixture.webhook("wh_a", retry: RetrySchedule(delays: [.seconds(10), .minutes(10)]))
        _ = scheduler.accept([EngineFixture.work("a1", to: a)])
        _ = scheduler.step(at: t0)
        let first = scheduler.ended("a1", result: EngineFixture.serverError, startedAt: t0, durationMs: 3, at: t0, jitter: 0)
        #expect(first?.delivery.status == .scheduled)
        #expect(first?.delivery.nextAttemptAt == t0.addingTimeInterval(10))
        #expect(first?.attempt?.nextAttemptAt == t0.addingTimeInterval(10))
        #expect(first?.keep == true)
        let waiting = scheduler.step(at: t0.addingTimeInterval(9))
        #expect(waiting.start.isEmpty)
        #expect(waiting.wakeAt == t0.addingTimeInterval(10))
        let second = scheduler.step(at: t0.addingTimeInterval(10))
        #expect(second.start.first?.delivery.attempts == 1)
        #expect(second.start.first?.delivery.nextTrigger == .scheduled)
        let later = t0.addingTimeInterval(10)
        let again = scheduler.ended("a1", result: EngineFixture.serverError, startedAt: later, durationMs: 3, at: later, jitter: 0)
        #expect(again?.delivery.nextAttemptAt == later.addingTimeInterval(600))
        #expect(again?.keep == false)
        #expect(scheduler.held.isEmpty)
        #expect(scheduler.storeDueAt == later.addingTimeInterval(600))
        #expect(scheduler.step(at: later.addingTimeInterval(599)).claim == false)
        #expect(scheduler.step(at: later.addingTimeInterval(600)).claim == true)
    }

    @Test("jitter stretches the scheduled wait; a 410 ends the delivery and asks for the webhook to be disabled")
    func jitterAndGone() {
        var scheduler = scheduler()
        let a = EngineFixture.webhook("wh_a")
        _ = scheduler.accept([EngineFixture.work("a1", to: a), EngineFixture.work("a2", to: a)])
        _ = scheduler.step(at: t0)
        let stretched = scheduler.ended("a1", result: EngineFixture.serverError, startedAt: t0, durationMs: 1, at: t0, jitter: 0.1)
        #expect(stretched?.delivery.nextAttemptAt == t0.addingTimeInterval(11))
        let gone = scheduler.ended("a2", result: EngineFixture.gone, startedAt: t0, durationMs: 1, at: t0, jitter: 0)
        #expect(gone?.delivery.status == .failed)
        #expect(gone?.disableReason == Webhook.goneReason(at: t0))
    }

    @Test("a rate-limited webhook starts at most its limit per window, counted from attempts' ends")
    func rateLimit() {
        var scheduler = scheduler()
        let a = EngineFixture.webhook("wh_a", rateLimit: RateLimit(perSecond: 2))
        _ = scheduler.accept((1...3).map { EngineFixture.work("a\($0)", to: a) })
        #expect(scheduler.step(at: t0).start.map(\.delivery.id).sorted() == ["a1", "a2"])
        let ended = t0.addingTimeInterval(0.1)
        _ = scheduler.ended("a1", result: EngineFixture.ok, startedAt: t0, durationMs: 100, at: ended, jitter: 0)
        _ = scheduler.ended("a2", result: EngineFixture.ok, startedAt: t0, durationMs: 100, at: ended, jitter: 0)
        let held = scheduler.step(at: t0.addingTimeInterval(0.2))
        #expect(held.start.isEmpty)
        #expect(held.wakeAt.map { $0 <= ended.addingTimeInterval(1) } == true)
        // A second after the oldest attempt's start is not enough: it must have ended a second ago.
        #expect(scheduler.step(at: t0.addingTimeInterval(1)).start.isEmpty)
        #expect(scheduler.step(at: ended.addingTimeInterval(1)).start.map(\.delivery.id) == ["a3"])
    }

    @Test("memory is capped: room shrinks with held work, and a claim is asked only with room and due store work")
    func memoryCap() {
        var scheduler = scheduler(inFlight: 2, held: 3)
        let a = EngineFixture.webhook("wh_a")
        _ = scheduler.accept((1...3).map { EngineFixture.work("a\($0)", to: a) })
        #expect(scheduler.room == 0)
        scheduler.storeMayHaveWork(dueAt: t0)
        let full = scheduler.step(at: t0)
        #expect(full.claim == false)
        #expect(full.start.count == 2)
        _ = scheduler.ended("a1", result: EngineFixture.ok, startedAt: t0, durationMs: 1, at: t0, jitter: 0)
        #expect(scheduler.room == 1)
        let reserved = scheduler.reserveRoom()
        #expect(reserved == 1)
        #expect(scheduler.room == 0)
        _ = scheduler.written(QueueWriteReceipt(), reservedRoom: reserved, at: t0)
        #expect(scheduler.step(at: t0).claim == true)
        _ = scheduler.claimed(ClaimedWork(work: [], nextDueAt: t0.addingTimeInterval(30)), limit: 1)
        #expect(scheduler.storeDueAt == t0.addingTimeInterval(30))
        #expect(scheduler.step(at: t0).claim == false)
    }

    @Test("turning a webhook fifo lets go of what is not under way; turning it back asks the store again")
    func orderingSwitch() {
        var scheduler = scheduler()
        var a = EngineFixture.webhook("wh_a", rateLimit: nil)
        scheduler.learn([a])
        _ = scheduler.accept((1...3).map { EngineFixture.work("a\($0)", to: a, due: t0.addingTimeInterval(Double($0 - 1))) })
        #expect(scheduler.step(at: t0).start.map(\.delivery.id) == ["a1"])
        a.ordering = .fifo
        #expect(scheduler.webhookChanged(a, at: t0) == ["a2", "a3"])
        #expect(scheduler.held.keys.sorted() == ["a1"])
        // a1, under way, holds the turn: nothing else of the webhook is taken meanwhile.
        #expect(scheduler.accept([EngineFixture.work("a2", to: a)]) == ["a2"])
        a.ordering = .unordered
        #expect(scheduler.webhookChanged(a, at: t0).isEmpty)
        #expect(scheduler.storeDueAt == t0)
    }

    @Test("on a shared store a webhook that becomes rate-limited lets go of what is not under way (a claim picks its one sender); on one daemon's store it keeps it")
    func rateLimitSwitchOnSharedStore() {
        for shares in [true, false] {
            var scheduler = DeliveryScheduler(limits: scheduler().limits, sharesRateLimits: shares)
            var a = EngineFixture.webhook("wh_a")
            scheduler.learn([a])
            _ = scheduler.accept((1...3).map { EngineFixture.work("a\($0)", to: a, due: t0.addingTimeInterval(Double($0 - 1))) })
            #expect(scheduler.step(at: t0).start.map(\.delivery.id) == ["a1"])
            a.rateLimit = RateLimit(perSecond: 1)
            #expect(scheduler.webhookChanged(a, at: t0) == (shares ? ["a2", "a3"] : []))
            #expect(scheduler.held.keys.sorted() == (shares ? ["a1"] : ["a1", "a2", "a3"]))
        }
    }

    @Test("a claim that makes this node a rate-limited webhook's sender paces it from the attempts made before")
    func claimedHandoverPaces() {
        var scheduler = scheduler()
        let a = EngineFixture.webhook("wh_a", rateLimit: RateLimit(perSecond: 1))
        scheduler.learn([a])
        let claim = ClaimedWork(
            work: [EngineFixture.work("a1", to: a)], nextDueAt: nil,
            rateLimitHandovers: ["wh_a": [RecentAttempt(deliveryId: "elsewhere", endedAt: t0.addingTimeInterval(0.5))]])
        #expect(scheduler.claimed(claim, limit: 10).isEmpty)
        let early = scheduler.step(at: t0.addingTimeInterval(0.6))
        #expect(early.start.isEmpty)
        #expect(early.wakeAt == t0.addingTimeInterval(1.5))
        #expect(scheduler.step(at: t0.addingTimeInterval(1.5)).start.map(\.delivery.id) == ["a1"])
    }

    @Test("a claim that reads a webhook as rate-limited paces it though the change has not reached the settings cache yet")
    func claimedHandoverOutrunsTheNotice() {
        var scheduler = DeliveryScheduler(limits: scheduler().limits, sharesRateLimits: true)
        var a = EngineFixture.webhook("wh_a")
        scheduler.learn([a])
        a.rateLimit = RateLimit(perSecond: 1)
        a.updatedAt = t0.addingTimeInterval(1)
        let claim = ClaimedWork(
            work: [EngineFixture.work("a1", to: a), EngineFixture.work("a2", to: a)], nextDueAt: nil,
            rateLimitHandovers: ["wh_a": []])
        #expect(scheduler.claimed(claim, limit: 10).isEmpty)
        #expect(scheduler.step(at: t0).start.map(\.delivery.id) == ["a1"])
        #expect(scheduler.webhooks["wh_a"]?.rateLimit == RateLimit(perSecond: 1))
    }
}

extension DeliverySchedulerTests {
    @Test("the decision loop sleeps until the next due time, and while a claim runs never until a time already past")
    func wakeTimeWhileClaiming() {
        let now = Date(timeIntervalSince1970: 1_000)
        let later = now.addingTimeInterval(2)
        let earlier = now.addingTimeInterval(-1)
        #expect(DeliveryEngine.wakeTime(later, claiming: false, now: now) == later)
        #expect(DeliveryEngine.wakeTime(earlier, claiming: false, now: now) == earlier)
        #expect(DeliveryEngine.wakeTime(nil, claiming: false, now: now) == nil)
        #expect(DeliveryEngine.wakeTime(later, claiming: true, now: now) == later)
        // A past wake time only asked for the claim under way; its end signals the loop.
        #expect(DeliveryEngine.wakeTime(earlier, claiming: true, now: now) == nil)
        #expect(DeliveryEngine.wakeTime(now, claiming: true, now: now) == nil)
    }
}
