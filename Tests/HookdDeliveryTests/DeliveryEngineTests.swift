import Foundation
import HookdCore
import HookdStore
import Logging
import ServiceLifecycleTestKit
import Testing

@testable import HookdDelivery

/// The engine actor against an in-memory queue, a fake sender and a clock moved by hand.
struct DeliveryEngineTests {
    let webhook = EngineFixture.webhook("wh_a", retry: RetrySchedule(delays: [.seconds(30)]))

    func engine(_ queue: FakeQueue, _ sender: FakeSender, clock: ManualClock, grace: Interval = .seconds(10))
        -> DeliveryEngine
    {
        DeliveryEngine(
            queue: queue, sender: sender, webhooks: queue.watch.state.webhooks,
            configuration: DeliveryEngine.Configuration(
                maximumInFlight: 8, maximumInFlightPerWebhook: 4, maximumHeld: 100, shutdownGrace: grace, nodeId: "node-1"),
            clock: clock, jitter: { 0 }, logger: Logger(label: "test"))
    }

    func event(_ id: String, at clock: ManualClock) -> Event {
        Event(id: id, account: "acc_1", type: "customer.created", timestamp: clock.now, data: ["n": 1])
    }

    /// Runs `body` with the engine running, then shuts it down gracefully.
    func running(_ engine: DeliveryEngine, _ body: () async throws -> Void) async throws {
        try await testGracefulShutdown { trigger in
            let task = Task { try await engine.run() }
            try await body()
            trigger.triggerGracefulShutdown()
            try await task.value
        }
    }

    @Test("a publish is answered after its commit; its delivery goes to the sender without a read, and its end is written")
    func publishToEnd() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let sender = FakeSender()
        let engine = engine(queue, sender, clock: clock)
        try await running(engine) {
            let outcomes = try await engine.publish([event("evt_1", at: clock)]).outcomes
            #expect(outcomes.map(\.event.id) == ["evt_1"])
            await queue.watch.wait { $0.completions.count == 1 }
            let state = queue.watch.state
            #expect(state.registered == ["node-1"])
            #expect(state.completions.first?.delivery.status == .delivered)
            #expect(state.completions.first?.attempt?.number == 1)
            #expect(sender.watch.state.sent.map(\.delivery.eventId) == ["evt_1"])
        }
    }

    @Test("publishes arriving while a commit runs share the next one")
    func groupCommit() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let engine = engine(queue, FakeSender(), clock: clock)
        try await running(engine) {
            queue.watch.change { $0.writeGateOpen = false }
            let first = engine.publish([event("evt_0", at: clock)])
            await queue.watch.wait { $0.writesBegun == 1 }
            let tickets = (1...20).map { engine.publish([event("evt_\($0)", at: clock)]) }
            queue.watch.change { $0.writeGateOpen = true }
            _ = try await first.outcomes
            for ticket in tickets { _ = try await ticket.outcomes }
            let publishWrites = queue.watch.state.writes.filter { !$0.publishes.isEmpty }
            #expect(publishWrites.map(\.publishes.count) == [1, 20])
        }
    }

    @Test("a failed attempt is retried when its time comes on the engine's clock, and not before")
    func retryOnClock() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let sender = FakeSender { work in
            work.delivery.attempts == 0 ? EngineFixture.serverError : EngineFixture.ok
        }
        let engine = engine(queue, sender, clock: clock)
        try await running(engine) {
            _ = try await engine.publish([event("evt_1", at: clock)]).outcomes
            await queue.watch.wait { $0.completions.count == 1 }
            let first = try #require(queue.watch.state.completions.first)
            #expect(first.delivery.status == .scheduled)
            #expect(first.keep)
            #expect(first.delivery.nextAttemptAt == first.attempt?.startedAt.addingTimeInterval(30))
            // Nothing is due before the 30 s are up, so nothing can have been sent again.
            clock.advance(by: 29)
            #expect(sender.watch.state.sent.count == 1)
            clock.advance(by: 1)
            await queue.watch.wait { $0.completions.count == 2 }
            #expect(queue.watch.state.completions.last?.delivery.status == .delivered)
            #expect(queue.watch.state.completions.last?.attempt?.number == 2)
        }
    }

    @Test("at start the engine claims what the store holds for nobody")
    func claimsAtStart() async throws {
        let clock = ManualClock()
        let backlog = (1...3).map { EngineFixture.work("d\($0)", to: webhook, due: clock.now) }
        let queue = FakeQueue(webhooks: [webhook], claimable: backlog)
        let sender = FakeSender()
        let engine = engine(queue, sender, clock: clock)
        try await running(engine) {
            await queue.watch.wait { $0.completions.count == 3 }
            #expect(Set(sender.watch.state.sent.map(\.delivery.id)) == ["d1", "d2", "d3"])
        }
    }

    @Test("a failed commit fails its publishers and keeps attempt ends until a write succeeds")
    func failedCommit() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let engine = engine(queue, FakeSender(), clock: clock)
        try await running(engine) {
            queue.watch.change { $0.failingWrites = 1 }
            await #expect(throws: FakeStoreFault.self) {
                _ = try await engine.publish([event("evt_lost", at: clock)]).outcomes
            }
            _ = try await engine.publish([event("evt_1", at: clock)]).outcomes
            await queue.watch.wait { $0.completions.count == 1 }
            #expect(queue.watch.state.completions.map(\.delivery.eventId) == ["evt_1"])
        }
    }

    @Test("graceful shutdown lets the attempt under way finish and be written, then refuses publishes")
    func shutdown() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let sender = FakeSender()
        let engine = engine(queue, sender, clock: clock)
        sender.watch.change { $0.holding = true }
        try await testGracefulShutdown { trigger in
            let task = Task { try await engine.run() }
            _ = try await engine.publish([event("evt_1", at: clock)]).outcomes
            await sender.watch.wait { $0.underWay == 1 }
            trigger.triggerGracefulShutdown()
            sender.watch.change { $0.holding = false }
            try await task.value
        }
        #expect(queue.watch.state.completions.map(\.delivery.status) == [.delivered])
        await #expect(throws: HookdError.self) {
            _ = try await engine.publish([event("evt_2", at: clock)]).outcomes
        }
    }

    @Test("an attempt still under way when the grace ends is abandoned unwritten, to be sent again after a restart")
    func abandonAtShutdown() async throws {
        let clock = ManualClock()
        let queue = FakeQueue(webhooks: [webhook])
        let sender = FakeSender()
        let engine = engine(queue, sender, clock: clock, grace: .seconds(5))
        sender.watch.change { $0.holding = true }
        try await testGracefulShutdown { trigger in
            let task = Task { try await engine.run() }
            _ = try await engine.publish([event("evt_1", at: clock)]).outcomes
            await sender.watch.wait { $0.underWay == 1 }
            trigger.triggerGracefulShutdown()
            // The heartbeat and the grace period both sleep on the clock.
            await clock.sleepers.wait { $0 >= 2 }
            clock.advance(by: 5)
            try await task.value
        }
        #expect(queue.watch.state.completions.isEmpty)
    }
}

/// What the engine tells an operator when it stops.
struct DeliveryEngineStopLogTests {
    let webhook = EngineFixture.webhook("wh_a")
    let log = RecordedLog()

    /// An engine on `queue` that logs into `log`.
    func engine(_ queue: FakeQueue) -> DeliveryEngine {
        DeliveryEngine(
            queue: queue, sender: FakeSender(), webhooks: [webhook],
            configuration: DeliveryEngine.Configuration(maximumHeld: 100, nodeId: "node-1"),
            clock: ManualClock(), jitter: { 0 }, logger: log.logger)
    }

    @Test("a claim cut short because the engine is stopping is not reported as a store error")
    func claimCancelledAtStop() async throws {
        let queue = FakeQueue(webhooks: [webhook])
        queue.watch.change { $0.claimGateOpen = false }
        let run = Task { [engine = engine(queue)] in try await engine.run() }
        // The engine claims what the store holds as soon as it starts.
        await queue.watch.wait { $0.claimsBegun == 1 }
        run.cancel()
        try await run.value
        #expect(log.lines.contains(RecordedLog.Line(level: .debug, message: "claim stopped: the engine is stopping")))
        #expect(!log.lines.contains { $0.level >= .warning }, "\(log.lines)")
    }

    @Test("a claim the store fails is reported as an error")
    func claimFailureReported() async throws {
        let queue = FakeQueue(webhooks: [webhook])
        queue.watch.change { $0.failingClaims = 1 }
        let run = Task { [engine = engine(queue)] in try await engine.run() }
        await log.watch.wait { $0.contains { $0.level == .error } }
        run.cancel()
        try await run.value
        #expect(log.lines.filter { $0.level >= .warning } == [RecordedLog.Line(level: .error, message: "could not claim deliveries from the store")])
    }
}
