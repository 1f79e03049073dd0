import Testing

@testable import HookdDelivery

struct WebhookLanesTests {
    @Test("a webhook at its limit parks further deliveries; each release lets the oldest through")
    func parksAndReleases() {
        var lanes = WebhookLanes(limit: 2)
        let admitted = ["d1", "d2", "d3", "d4"].map { lanes.admit($0, webhook: "slow") }
        #expect(admitted == [true, true, false, false])
        #expect(lanes.waitingCount == 2)
        #expect(lanes.inFlight(for: "slow") == 2)
        #expect(lanes.release(webhook: "slow") == "d3")
        #expect(lanes.inFlight(for: "slow") == 1)
        let readmitted = lanes.admit("d3", webhook: "slow")
        #expect(readmitted)
        #expect(lanes.release(webhook: "slow") == "d4")
        #expect(lanes.waitingCount == 0)
    }

    @Test("webhooks do not share limits")
    func independent() {
        var lanes = WebhookLanes(limit: 1)
        let slow = lanes.admit("a", webhook: "slow")
        let fast = lanes.admit("b", webhook: "fast")
        let parked = lanes.admit("c", webhook: "slow")
        #expect(slow && fast && !parked)
        #expect(lanes.release(webhook: "fast") == nil)
        #expect(lanes.inFlight(for: "fast") == 0)
        #expect(lanes.inFlight(for: "slow") == 1)
    }
}

extension WebhookLanesTests {
    @Test("a long lane lets its deliveries through oldest first, each once, and empties")
    func longLane() {
        var lanes = WebhookLanes(limit: 1)
        let firstAdmitted = lanes.admit("first", webhook: "busy")
        #expect(firstAdmitted)
        let parked = (0..<10_000).map { "d\($0)" }
        let admittedAtOnce = parked.filter { lanes.admit($0, webhook: "busy") }
        #expect(admittedAtOnce.isEmpty)
        #expect(lanes.waitingCount == parked.count)
        var released: [String] = []
        while let next = lanes.release(webhook: "busy") {
            released.append(next)
            let readmitted = lanes.admit(next, webhook: "busy")
            #expect(readmitted)
        }
        #expect(released == parked)
        #expect(lanes.waitingCount == 0)
        #expect(lanes.inFlight(for: "busy") == 0)
    }
}
