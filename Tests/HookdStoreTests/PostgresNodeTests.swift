import Foundation
import HookdCore
import HookdTesting
import PostgresNIO
import Synchronization
import Testing

@testable import HookdStore

/// Several daemons on one database: holds last while their node's heartbeat is fresh and pass
/// to others once it is not; changes are announced to every listener.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresNodeTests {
    /// Runs `body` on a store of a fresh database whose nodes die after 15 s of silence,
    /// closing it however `body` ends.
    static func withStore(_ body: (PostgresStore) async throws -> Void) async throws {
        try await TestPostgres.withDatabase { url in
            let store = try await PostgresStore.open(
                try PostgresLocation(url: url), nodeTimeout: .seconds(15), logger: TestPostgres.logger)
            do {
                try await body(store)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        }
    }

    @Test("a live node keeps its holds through other nodes' registers and claims; silent past the timeout, a claim takes them over")
    func holdsFollowHeartbeats() async throws {
        try await Self.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm", events: ["customer.*"])])
            try await store.register(node: "node_a", at: Fixture.now)
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1, owner: "node_a")
            let id = try #require(held.handedOver.first?.delivery.id)

            try await store.register(node: "node_b", at: Fixture.at(1))
            #expect(try await store.leaseOwner(ofDelivery: id) == "node_a")
            // 14 s after node_a's last heartbeat: still alive.
            #expect(try await QueueFixture.claimAll(from: store, owner: "node_b", dueBy: 14).isEmpty)
            try await store.heartbeat(node: "node_a", at: Fixture.at(10))
            #expect(try await QueueFixture.claimAll(from: store, owner: "node_b", dueBy: 24).isEmpty)
            #expect(try await store.leaseOwner(ofDelivery: id) == "node_a")
            // Silent for 15 s and more: dead, and its delivery is node_b's.
            #expect(try await QueueFixture.claimAll(from: store, owner: "node_b", dueBy: 25.5) == [id])
            #expect(try await store.leaseOwner(ofDelivery: id) == "node_b")
            let nodes = try await store.nodes()
            #expect(nodes.map(\.id) == ["node_a", "node_b"])
            #expect(nodes.map(\.held) == [0, 1])
            #expect(nodes[0].heartbeat == Fixture.at(10))
        }
    }

    @Test("an attempt's end from a node whose delivery was taken over is not written: the new holder's is")
    func takenOverEndsAreFenced() async throws {
        try await Self.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm", events: ["customer.*"])])
            try await store.register(node: "node_a", at: Fixture.now)
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1, owner: "node_a")
            let delivery = try #require(held.handedOver.first?.delivery)
            #expect(try await QueueFixture.claimAll(from: store, owner: "node_b", dueBy: 20) == [delivery.id])

            let late = try await store.write(
                QueueWrite(
                    owner: "node_a", now: Fixture.at(21),
                    completions: [QueueFixture.attemptEnd(delivery, QueueFixture.success, at: 21)], room: 0,
                    autoDisable: QueueFixture.neverDisable))
            #expect(late.gone == [delivery.id])
            #expect(try await store.leaseOwner(ofDelivery: delivery.id) == "node_b")
            let own = try await store.write(
                QueueWrite(
                    owner: "node_b", now: Fixture.at(22),
                    completions: [QueueFixture.attemptEnd(delivery, QueueFixture.success, at: 22)], room: 0,
                    autoDisable: QueueFixture.neverDisable))
            #expect(own.gone.isEmpty)
            #expect(try await store.delivery(id: delivery.id)?.status == .delivered)
        }
    }

    // The limit is only a backstop: making the database and opening the store once took 65 s
    // in a full suite run, so the test times the heartbeat itself, from when the lock is held.
    @Test("a heartbeat lands while another transaction holds the writer lock, so a busy node's holds never lapse", .timeLimit(.minutes(5)))
    func heartbeatSkipsTheWriterLock() async throws {
        try await withPostgresStore { store in
            try await store.register(node: "node_a", at: Fixture.now)
            let (locked, lockTaken) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseLock) = AsyncStream.makeStream(of: Void.self)
            let writer = Task {
                try await store.write { _ in
                    lockTaken.yield()
                    for await _ in release { break }
                }
            }
            for await _ in locked { break }
            // A heartbeat that took the lock would wait for the writer, which lets go only
            // when the heartbeat lands or, failing the test, 30 s later.
            let landedFirst = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await store.heartbeat(node: "node_a", at: Fixture.at(7))
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(30))
                    return false
                }
                let first = try await group.next() ?? false
                releaseLock.yield()
                group.cancelAll()
                try await group.waitForAll()
                return first
            }
            #expect(landedFirst, "the heartbeat waited for the writer lock")
            #expect(try await store.heartbeat(ofNode: "node_a") == Fixture.at(7))
            try await writer.value
        }
    }

    @Test("register frees only what an earlier process under the same node id held")
    func registerFreesOwnHolds() async throws {
        try await withPostgresStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm", events: ["customer.*"])])
            try await store.register(node: "node_a", at: Fixture.now)
            try await store.register(node: "node_b", at: Fixture.now)
            let a = try #require(
                try await QueueFixture.publish([Fixture.event("evt_a")], to: store, room: 1, owner: "node_a").handedOver.first)
            let b = try #require(
                try await QueueFixture.publish([Fixture.event("evt_b")], to: store, room: 1, owner: "node_b").handedOver.first)
            try await store.register(node: "node_a", at: Fixture.at(1))
            #expect(try await store.leaseOwner(ofDelivery: a.delivery.id) == nil)
            #expect(try await store.leaseOwner(ofDelivery: b.delivery.id) == "node_b")
        }
    }

    @Test("work left for a claim and every webhook change are announced to listeners; work handed over is not")
    func notices() async throws {
        try await withPostgresStore { store in
            let heard = Mutex<[PostgresNotice]>([])
            let listening = Task { await store.listen { notice in heard.withLock { $0.append(notice) } } }
            defer { listening.cancel() }
            // Listening starts by announcing one of each (what was missed before).
            try await waitUntil { heard.withLock { $0 } == [.work, .webhooks] }
            var crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [crm])
            try await waitUntil { heard.withLock { $0.count > 2 && $0.last == .webhooks } }
            let seeded = heard.withLock { $0.count }

            _ = try await QueueFixture.publish([Fixture.event("evt_held")], to: store, room: 1)
            _ = try await QueueFixture.publish([Fixture.event("evt_left")], to: store, room: 0)
            try await waitUntil { heard.withLock { $0.count > seeded } }
            crm.enabled = false
            try await store.updateWebhook(crm)
            try await waitUntil { heard.withLock { $0.count > seeded + 1 } }
            // The handed-over publish said nothing: the next notice is the one left, then the change.
            #expect(heard.withLock { Array($0[seeded...]) } == [.work, .webhooks])
            #expect(heard.withLock { $0.prefix(2) } == [.work, .webhooks])
        }
    }
}

/// Polls `condition` until it holds (what another connection commits has nothing to await),
/// failing after `timeout`.
private func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(timeout)")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
