import Testing

@testable import HookdRPC

/// The per-connection count of pending frames, without a socket.
@Suite(.timeLimit(.minutes(1)))
struct PendingCallsTests {
    @Test("reserve waits while the limit is pending and goes on once one is released")
    func reserveWaitsAtLimit() async {
        let pending = PendingCalls(limit: 2)
        let log = EventLog()
        await pending.reserve { log.append("waited") }
        await pending.reserve { log.append("waited") }
        #expect(log.entries.isEmpty)
        let third = Task {
            await pending.reserve { log.append("waiting") }
            log.append("reserved")
        }
        await log.wait(for: "waiting")
        #expect(!log.entries.contains("reserved"))
        pending.release()
        await third.value
        #expect(log.entries == ["waiting", "reserved"])
    }

    @Test("waitUntilNone returns at once when nothing is pending, and otherwise after the last release")
    func waitUntilNone() async {
        let pending = PendingCalls(limit: 4)
        let log = EventLog()
        await pending.waitUntilNone { log.append("waited") }
        #expect(log.entries.isEmpty)
        await pending.reserve()
        await pending.reserve()
        let barrier = Task {
            await pending.waitUntilNone { log.append("waiting") }
            log.append("none left")
        }
        await log.wait(for: "waiting")
        pending.release()
        #expect(!log.entries.contains("none left"))
        pending.release()
        await barrier.value
        #expect(log.entries == ["waiting", "none left"])
    }
}
