import Foundation
import HookdCore
import HookdStore
import Testing

@testable import HookdDelivery

/// The commit queue's rounds: publishes go at once, attempt ends alone linger for company.
@Suite("CommitQueue")
struct CommitQueueTests {
    private static let webhook = EngineFixture.webhook("wh_1")

    private static func completion(_ id: String) -> AttemptCompletion {
        .skipped(EngineFixture.work(id, to: webhook).delivery, at: EngineFixture.start)
    }

    private static func event(_ id: String) -> Event {
        Event(id: id, account: "acc_1", type: "customer.created", timestamp: EngineFixture.start, data: ["n": 1])
    }

    @Test("attempt ends alone are not committed before the linger is over")
    func completionsAloneLinger() async throws {
        // A lower bound only: a loaded machine can make the round later, never earlier.
        let queue = CommitQueue(maximumEventsPerRound: 100, completionLinger: 0.2, completionBatch: 64)
        let submitted = ContinuousClock.now
        queue.submit([Self.completion("dlv_1"), Self.completion("dlv_2")])
        let round = try #require(await queue.nextRound())
        #expect(ContinuousClock.now - submitted >= .milliseconds(200))
        #expect(round.completions.map(\.delivery.id) == ["dlv_1", "dlv_2"])
        #expect(round.publishes.isEmpty)
    }

    @Test("attempt ends queued before a publish share its round", .timeLimit(.minutes(1)))
    func completionsRideAlongWithAPublish() async throws {
        let queue = CommitQueue(maximumEventsPerRound: 100, completionLinger: 3600, completionBatch: 64)
        queue.submit([Self.completion("dlv_1"), Self.completion("dlv_2")])
        _ = queue.submit(publish: [Self.event("evt_1")])
        let round = try #require(await queue.nextRound())
        #expect(round.completions.map(\.delivery.id) == ["dlv_1", "dlv_2"])
        #expect(round.publishes.map { $0.events.map(\.id) } == [["evt_1"]])
    }

    @Test("an urgent attempt end (a fifo line waits on it) is committed without lingering", .timeLimit(.minutes(1)))
    func urgentCompletionDoesNotLinger() async throws {
        let queue = CommitQueue(maximumEventsPerRound: 100, completionLinger: 3600, completionBatch: 64)
        queue.submit([Self.completion("dlv_1")])
        queue.submit([Self.completion("dlv_2")], urgent: true)
        let round = try #require(await queue.nextRound())
        #expect(round.completions.map(\.delivery.id) == ["dlv_1", "dlv_2"])
        #expect(round.publishes.isEmpty)
    }

    @Test("a full batch of attempt ends is committed without lingering", .timeLimit(.minutes(1)))
    func fullBatchDoesNotLinger() async throws {
        let queue = CommitQueue(maximumEventsPerRound: 100, completionLinger: 3600, completionBatch: 3)
        queue.submit([Self.completion("dlv_1"), Self.completion("dlv_2")])
        queue.submit([Self.completion("dlv_3")])
        let round = try #require(await queue.nextRound())
        #expect(round.completions.count == 3)
    }

    @Test("closing ends the linger: shutdown writes what is queued at once", .timeLimit(.minutes(1)))
    func closeEndsTheLinger() async throws {
        let queue = CommitQueue(maximumEventsPerRound: 100, completionLinger: 3600, completionBatch: 64)
        queue.submit([Self.completion("dlv_1")])
        let next = Task { await queue.nextRound() }
        queue.close()
        let round = try #require(await next.value)
        #expect(round.completions.map(\.delivery.id) == ["dlv_1"])
        #expect(await queue.nextRound() == nil)
    }
}
