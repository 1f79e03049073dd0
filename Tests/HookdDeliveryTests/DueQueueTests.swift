import Foundation
import Synchronization
import Testing

@testable import HookdDelivery

struct DueQueueTests {
    let base = Date(timeIntervalSince1970: 1_000)

    @Test("deliveries come out earliest first, and only once due")
    func ordering() {
        var queue = DueQueue()
        for (id, offset) in [("c", 3.0), ("a", 1.0), ("d", 4.0), ("b", 2.0), ("e", 0.5)] {
            queue.insert(id, dueAt: base.addingTimeInterval(offset))
        }
        #expect(queue.nextDueAt == base.addingTimeInterval(0.5))
        let early = queue.popDue(at: base)
        #expect(early == nil)
        var order: [String] = []
        while let id = queue.popDue(at: base.addingTimeInterval(10)) { order.append(id) }
        #expect(order == ["e", "a", "b", "c", "d"])
        #expect(queue.count == 0)
    }

    @Test("a delivery is queued at most once until it is taken out")
    func deduplicates() {
        var queue = DueQueue()
        let first = queue.insert("x", dueAt: base)
        let again = queue.insert("x", dueAt: base.addingTimeInterval(5))
        #expect(first && !again)
        #expect(queue.count == 1)
        let popped = queue.popDue(at: base)
        #expect(popped == "x")
        let requeued = queue.insert("x", dueAt: base)
        #expect(requeued)
    }

    @Test("a large random queue drains in order")
    func heapProperty() {
        var queue = DueQueue()
        var generator = SystemRandomNumberGenerator()
        for index in 0..<2000 {
            queue.insert("d\(index)", dueAt: base.addingTimeInterval(Double.random(in: 0..<1000, using: &generator)))
        }
        var last = Date.distantPast
        var drained = 0
        let end = base.addingTimeInterval(2000)
        while let next = queue.nextDueAt, queue.popDue(at: end) != nil {
            #expect(next >= last)
            last = next
            drained += 1
        }
        #expect(drained == 2000)
    }
}

struct WakeSignalTests {
    @Test("a signal wakes a waiter long before its deadline")
    func wakes() async {
        let signal = WakeSignal()
        let clock = ManualClock()
        async let waited: Void = signal.wait(until: clock.now.addingTimeInterval(30), clock: clock)
        signal.signal()
        await waited
    }

    @Test(
        "a signal leaves the timer armed; a later wait is woken at its own deadline, not the timer's",
        .timeLimit(.minutes(1)))
    func timerServesLaterWaits() async {
        let signal = WakeSignal()
        let clock = ManualClock()
        let start = clock.now
        async let first: Void = signal.wait(until: start.addingTimeInterval(10), clock: clock)
        while clock.sleeperCount == 0 { await Task.yield() }
        signal.signal()
        await first
        let woken = Mutex(false)
        let second = Task {
            await signal.wait(until: start.addingTimeInterval(20), clock: clock)
            woken.withLock { $0 = true }
        }
        // The timer armed for 10 s goes off (with the second wait registered or not yet);
        // either way a timer must end up sleeping until 20 s.
        clock.advance(by: 10)
        while clock.sleeperCount == 0 { await Task.yield() }
        #expect(!woken.withLock { $0 })
        clock.advance(by: 10)
        await second.value
        #expect(woken.withLock { $0 })
    }

    @Test("a signal sent before waiting is remembered once")
    func remembers() async {
        let signal = WakeSignal()
        signal.signal()
        let clock = ManualClock()
        await signal.wait(until: clock.now.addingTimeInterval(30), clock: clock)
        // Remembered once: the next wait needs its deadline.
        async let second: Void = signal.wait(until: clock.now.addingTimeInterval(30), clock: clock)
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: 30)
        await second
    }

    @Test("without a signal the wait ends at its deadline")
    func timesOut() async {
        let signal = WakeSignal()
        let clock = ManualClock()
        async let waited: Void = signal.wait(until: clock.now.addingTimeInterval(20), clock: clock)
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: 19)
        #expect(clock.sleeperCount == 1)
        clock.advance(by: 1)
        await waited
    }

    @Test("cancelling the waiting task ends the wait")
    func cancellation() async {
        let signal = WakeSignal()
        let task = Task { await signal.wait(until: nil, clock: ManualClock()) }
        task.cancel()
        await task.value
    }
}
