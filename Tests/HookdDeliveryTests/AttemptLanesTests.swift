import Foundation
import Testing

@testable import HookdDelivery

struct AttemptLanesTests {
    let now = Date(timeIntervalSince1970: 1_000)

    /// Pops and starts whatever may start at `now`, returning the lanes in order.
    func startAll(_ lanes: inout AttemptLanes) -> [AttemptLane] {
        var started: [AttemptLane] = []
        while let (_, lane) = lanes.popNext(at: now) {
            lanes.started(lane)
            started.append(lane)
        }
        return started
    }

    @Test("re-sends never hold more than their share, however many are due")
    func retriesCapped() {
        var lanes = AttemptLanes(limit: 4, retryLimit: 2)
        for index in 0..<10 { lanes.insert("r\(index)", lane: .retry, dueAt: now) }
        #expect(startAll(&lanes) == [.retry, .retry])
        #expect(lanes.retryInFlight == 2)
        #expect(lanes.retryCount == 8)
        // The two free slots belong to first attempts: a new event goes at once.
        lanes.insert("f0", lane: .first, dueAt: now)
        #expect(lanes.popNext(at: now)?.deliveryId == "f0")
    }

    @Test("a due first attempt goes before a re-send that was due earlier")
    func firstAttemptsFirst() {
        var lanes = AttemptLanes(limit: 4, retryLimit: 2)
        lanes.insert("r0", lane: .retry, dueAt: now.addingTimeInterval(-60))
        lanes.insert("f0", lane: .first, dueAt: now)
        #expect(lanes.popNext(at: now)?.deliveryId == "f0")
    }

    @Test("first attempts use the slots re-sends leave idle")
    func firstAttemptsBorrow() {
        var lanes = AttemptLanes(limit: 4, retryLimit: 2)
        for index in 0..<6 { lanes.insert("f\(index)", lane: .first, dueAt: now) }
        #expect(startAll(&lanes) == [.first, .first, .first, .first])
        #expect(lanes.popNext(at: now) == nil)
        #expect(lanes.nextDueAt == nil)
    }

    @Test("under a flood of first attempts, re-sends still get their share as slots free")
    func retriesNotStarved() {
        var lanes = AttemptLanes(limit: 4, retryLimit: 2)
        for index in 0..<100 { lanes.insert("f\(index)", lane: .first, dueAt: now) }
        #expect(startAll(&lanes).count == 4)
        for index in 0..<10 { lanes.insert("r\(index)", lane: .retry, dueAt: now) }
        // First attempts hold all four slots, above their share of two: each freed slot goes
        // to a re-send until re-sends hold theirs, then back to first attempts.
        var order: [AttemptLane] = []
        for _ in 0..<4 {
            lanes.ended(.first)
            order += startAll(&lanes)
        }
        #expect(order == [.retry, .retry, .first, .first])
        #expect(lanes.firstInFlight == 2 && lanes.retryInFlight == 2)
        // From then on, a freed slot stays with its lane.
        lanes.ended(.retry)
        #expect(startAll(&lanes) == [.retry])
        lanes.ended(.first)
        #expect(startAll(&lanes) == [.first])
    }

    @Test("the loop sleeps until the earliest delivery that could start")
    func nextDue() {
        var lanes = AttemptLanes(limit: 2, retryLimit: 1)
        lanes.insert("r0", lane: .retry, dueAt: now.addingTimeInterval(5))
        lanes.insert("f0", lane: .first, dueAt: now.addingTimeInterval(10))
        #expect(lanes.nextDueAt == now.addingTimeInterval(5))
        lanes.started(.retry)
        // Re-sends are at their cap: only the first attempt's time counts.
        #expect(lanes.nextDueAt == now.addingTimeInterval(10))
        lanes.started(.first)
        #expect(lanes.nextDueAt == nil)
    }

    @Test("a delivery waits in one lane at most once")
    func deduplicates() {
        var lanes = AttemptLanes(limit: 2, retryLimit: 1)
        let first = lanes.insert("d", lane: .first, dueAt: now)
        let again = lanes.insert("d", lane: .retry, dueAt: now)
        #expect(first && !again)
        #expect(lanes.count == 1)
    }

    @Test("the default re-send share is half the slots, at least one")
    func defaultShare() {
        #expect(AttemptLanes.defaultRetryLimit(of: 128) == 64)
        #expect(AttemptLanes.defaultRetryLimit(of: 3) == 1)
        #expect(AttemptLanes.defaultRetryLimit(of: 1) == 1)
    }
}
