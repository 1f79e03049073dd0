import Foundation
import HookdCore
import HookdDelivery
import Testing

/// The change feed hands every committed change to each watcher in order, and drops a
/// watcher that falls behind instead of waiting for it or buffering without end.
struct ChangeFeedTests {
    static func delivery(_ id: String, status: DeliveryStatus = .pending) -> Delivery {
        Delivery(
            id: id, eventId: "evt_1", eventType: "customer.created", account: "acc_1", webhookId: "wh_1",
            webhookName: "crm", status: status, nextAttemptAt: nil, createdAt: Date(timeIntervalSince1970: 0))
    }

    @Test("nobody watching: publishing is a no-op and the cursor stays")
    func unwatched() {
        let feed = ChangeFeed(start: 0)
        #expect(!feed.isWatched)
        feed.publish([.attempted(Self.delivery("dlv_1"), nil)])
        #expect(feed.lastCursor == 0)
    }

    @Test("every subscriber gets each change once, in order, with cursors rising by one")
    func inOrder() async {
        let feed = ChangeFeed(start: 0)
        let first = feed.subscribe()
        let second = feed.subscribe()
        #expect(feed.isWatched)
        #expect(first.startCursor == 0)
        feed.publish([.attempted(Self.delivery("dlv_1"), nil), .attempted(Self.delivery("dlv_2"), nil)])
        feed.publish([.attempted(Self.delivery("dlv_3"), nil)])
        for subscription in [first, second] {
            var received: [Int64] = []
            for await change in subscription.changes {
                received.append(change.cursor)
                if received.count == 3 { break }
            }
            #expect(received == [1, 2, 3])
            #expect(!subscription.overflowed)
        }
        let late = feed.subscribe()
        #expect(late.startCursor == 3)
    }

    @Test("a subscriber whose buffer fills is dropped and told so; the others and the publisher go on")
    func overflow() async {
        let feed = ChangeFeed(start: 0)
        let slow = feed.subscribe(capacity: 2)
        let keeping = feed.subscribe(capacity: 10)
        feed.publish((1...3).map { .attempted(Self.delivery("dlv_\($0)"), nil) })
        feed.publish([.attempted(Self.delivery("dlv_4"), nil)])
        var slowCursors: [Int64] = []
        for await change in slow.changes { slowCursors.append(change.cursor) }
        #expect(slowCursors == [1, 2])
        #expect(slow.overflowed)
        var kept: [Int64] = []
        for await change in keeping.changes {
            kept.append(change.cursor)
            if kept.count == 4 { break }
        }
        #expect(kept == [1, 2, 3, 4])
        #expect(!keeping.overflowed)
        #expect(feed.isWatched)
    }

    @Test("a cancelled subscription ends its stream and stops counting as a watcher")
    func cancel() async {
        let feed = ChangeFeed(start: 0)
        let subscription = feed.subscribe()
        subscription.cancel()
        var count = 0
        for await _ in subscription.changes { count += 1 }
        #expect(count == 0)
        #expect(!feed.isWatched)
        #expect(!subscription.overflowed)
    }

    @Test("a watcher resumes after a cursor the feed still holds, getting exactly what followed it")
    func resume() async throws {
        let feed = ChangeFeed(start: 100)
        let first = feed.subscribe()
        feed.publish((1...3).map { .attempted(Self.delivery("dlv_\($0)"), nil) })
        first.cancel()
        let resumed = try feed.subscribe(after: 101)
        #expect(resumed.startCursor == 101)
        var cursors: [Int64] = []
        for await change in resumed.changes {
            cursors.append(change.cursor)
            if cursors.count == 2 { break }
        }
        #expect(cursors == [102, 103])
    }

    @Test("resuming is refused after a cursor from another run, from the future, or from before an unwatched commit")
    func resumeRefused() throws {
        let feed = ChangeFeed(start: 100)
        let watcher = feed.subscribe()
        feed.publish([.attempted(Self.delivery("dlv_1"), nil)])
        #expect(throws: CursorExpired.self) { _ = try feed.subscribe(after: 5) }
        #expect(throws: CursorExpired.self) { _ = try feed.subscribe(after: 500) }
        _ = try feed.subscribe(after: 100)
        watcher.cancel()
        // Nobody watches: the engine only notes the commit.
        feed.unwatchedCommit()
        #expect(throws: CursorExpired.self) { _ = try feed.subscribe(after: 100) }
        #expect(throws: CursorExpired.self) { _ = try feed.subscribe(after: 101) }
        _ = try feed.subscribe(after: feed.lastCursor)
    }
}
