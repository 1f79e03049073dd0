import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// Claiming, holding and letting go.
extension DeliveryQueueTests {
    @Test("a claim holds only due deliveries nobody holds, earliest due first, at most limit; nextDueAt is the earliest left", arguments: StoreKind.available)
    func claimDueEarliestFirst(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let atTwo = try await QueueFixture.waiting(["evt_2"], in: store, at: 2)[0][0]
            let atZero = try await QueueFixture.waiting(["evt_0"], in: store, at: 0)[0][0]
            let atTen = try await QueueFixture.waiting(["evt_10"], in: store, at: 10)[0][0]
            let atOne = try await QueueFixture.waiting(["evt_1"], in: store, at: 1)[0][0]
            let held = try await QueueFixture.publish([Fixture.event("evt_held")], to: store, room: 1, at: 0.5)
            #expect(held.handedOver.count == 1)

            let first = try await store.claim(owner: QueueFixture.otherNode, limit: 2, dueBy: Fixture.at(5))
            #expect(first.work.map(\.delivery) == [atZero, atOne])
            #expect(first.work.allSatisfy { $0.webhook == crm })
            #expect(first.nextDueAt == Fixture.at(2))
            for delivery in [atZero, atOne] {
                #expect(try await store.leaseOwner(ofDelivery: delivery.id) == QueueFixture.otherNode)
            }

            let second = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(5))
            #expect(second.work.map(\.delivery) == [atTwo])
            #expect(second.nextDueAt == Fixture.at(10))
            let none = try await store.claim(owner: "node_c", limit: 10, dueBy: Fixture.at(5))
            #expect(none.work.isEmpty)
            #expect(none.nextDueAt == Fixture.at(10))
            let last = try await store.claim(owner: "node_c", limit: 10, dueBy: Fixture.at(10))
            #expect(last.work.map(\.delivery) == [atTen])
            #expect(last.nextDueAt == nil)
            let zero = try await store.claim(owner: "node_c", limit: 0, dueBy: Fixture.at(10))
            #expect(zero.work.isEmpty)
        }
    }

    @Test("a claim takes the earliest due work across fifo heads and unordered deliveries", arguments: StoreKind.available)
    func claimMergesFifoHeadsByDueTime(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", events: ["transaction.*"], ordering: .fifo)
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [ledger, crm])
            let early = try await QueueFixture.waiting(["evt_c0"], in: store, at: 0)[0][0]
            let head = try await QueueFixture.waiting(["evt_i1"], type: "transaction.completed", in: store, at: 1)[0][0]
            let late = try await QueueFixture.waiting(["evt_c2", "evt_c3"], in: store, at: 2).map { $0[0] }

            let first = try await store.claim(owner: QueueFixture.otherNode, limit: 1, dueBy: Fixture.at(5))
            #expect(first.work.map(\.delivery) == [early])
            #expect(first.nextDueAt == Fixture.at(1))
            // The fifo head is due before the later unordered ones, so it goes first.
            let second = try await store.claim(owner: QueueFixture.otherNode, limit: 1, dueBy: Fixture.at(5))
            #expect(second.work.map(\.delivery) == [head])
            #expect(second.nextDueAt == Fixture.at(2))
            let rest = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(5))
            #expect(Set(rest.work.map(\.delivery.id)) == Set(late.map(\.id)))
            #expect(rest.nextDueAt == nil)
        }
    }

    @Test("nextDueAt leaves out held deliveries and fifo lines whose head someone holds, but counts a head not yet due", arguments: StoreKind.available)
    func nextDueLeavesOutHeld(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", events: ["transaction.*"], ordering: .fifo)
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [ledger, crm])
            let line = try await QueueFixture.waiting(["evt_i1", "evt_i2"], type: "transaction.completed", in: store, at: 5)
                .map { $0[0] }
            let held = try await QueueFixture.publish([Fixture.event("evt_c1")], to: store, room: 1, at: 8)
            #expect(held.handedOver.count == 1)

            let early = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(1))
            #expect(early.work.isEmpty)
            #expect(early.nextDueAt == Fixture.at(5))
            let claimed = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(5))
            #expect(claimed.work.map(\.delivery) == [line[0]])
            #expect(claimed.nextDueAt == nil)
        }
    }

    @Test("a fifo webhook yields only its line head, and nothing while someone holds it", arguments: StoreKind.available)
    func claimFifoHeadOnly(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", ordering: .fifo)
            try await Fixture.seed(store, webhooks: [ledger])
            let line = try await QueueFixture.waiting(["evt_1", "evt_2", "evt_3"], in: store).map { $0[0] }

            let first = try await store.claim(owner: QueueFixture.node, limit: 10, dueBy: Fixture.at(5))
            #expect(first.work.map(\.delivery) == [line[0]])
            #expect(first.nextDueAt == nil)
            #expect(try await QueueFixture.claimAll(from: store, owner: QueueFixture.otherNode).isEmpty)

            // The head's retry, freed but not due: its line waits for it.
            let retry = QueueFixture.attemptEnd(line[0], QueueFixture.serverError, at: 1)
            _ = try await QueueFixture.complete([retry], in: store, room: 10, at: 1)
            let waiting = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(5))
            #expect(waiting.work.isEmpty)
            #expect(waiting.nextDueAt == retry.delivery.nextAttemptAt)
            let due = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(61))
            #expect(due.work.map(\.delivery) == [retry.delivery])
        }
    }

    @Test("release lets a held delivery be claimed again, but only the owner's release counts", arguments: StoreKind.available)
    func releaseByOwnerOnly(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm")])
            let receipt = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1)
            let held = try #require(receipt.handedOver.first).delivery
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)

            try await store.release(deliveryIds: [held.id], owner: QueueFixture.otherNode)
            #expect(try await store.leaseOwner(ofDelivery: held.id) == QueueFixture.node)
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)

            try await store.release(deliveryIds: [held.id], owner: QueueFixture.node)
            #expect(try await store.leaseOwner(ofDelivery: held.id) == nil)
            let claimed = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.now)
            #expect(claimed.work.map(\.delivery) == [held])
        }
    }

    // On a shared database a register frees only its own node id's holds: PostgresNodeTests.
    @Test("register releases every hold an earlier process had, handed over or claimed, as a restart does", arguments: [StoreKind.sqlite])
    func registerReleasesHolds(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", events: ["transaction.*"], ordering: .fifo)
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [ledger, crm])
            try await store.register(node: QueueFixture.node, at: Fixture.now)
            let handedOver = try await QueueFixture.publish(
                [Fixture.event("evt_c1"), Fixture.event("evt_c2")], to: store, room: 2)
            #expect(handedOver.handedOver.count == 2)
            let head = try await QueueFixture.waiting(["evt_i1"], type: "transaction.completed", in: store)[0][0]
            #expect(try await QueueFixture.claimAll(from: store, owner: QueueFixture.otherNode) == [head.id])
            #expect(try await QueueFixture.claimAll(from: store, owner: "node_c").isEmpty)

            try await store.register(node: "node_c", at: Fixture.at(60))
            let all = handedOver.handedOver.map(\.delivery.id) + [head.id]
            for id in all {
                #expect(try await store.leaseOwner(ofDelivery: id) == nil)
            }
            #expect(Set(try await QueueFixture.claimAll(from: store, owner: "node_c")) == Set(all))
        }
    }

    @Test("register records the node as started; heartbeat moves its time on", arguments: StoreKind.available)
    func registerAndHeartbeat(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.register(node: QueueFixture.node, at: Fixture.now)
            #expect(try await store.heartbeat(ofNode: QueueFixture.node) == Fixture.now)
            try await store.heartbeat(node: QueueFixture.node, at: Fixture.at(15))
            #expect(try await store.heartbeat(ofNode: QueueFixture.node) == Fixture.at(15))
        }
    }

    @Test("nodes lists each registered node with its start, last heartbeat and how many deliveries it holds", arguments: StoreKind.available)
    func nodesWithHoldings(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm", events: ["customer.*"])])
            try await store.register(node: QueueFixture.node, at: Fixture.now)
            try await store.heartbeat(node: QueueFixture.node, at: Fixture.at(5))
            let held = try await QueueFixture.publish(
                [Fixture.event("evt_n1"), Fixture.event("evt_n2"), Fixture.event("evt_n3")], to: store, room: 3
            ).handedOver.map(\.delivery)
            #expect(
                try await store.nodes()
                    == [QueueNode(id: QueueFixture.node, started: Fixture.now, heartbeat: Fixture.at(5), held: 3)])
            // A delivered one is let go; a retry kept for its owner is still held.
            _ = try await QueueFixture.complete(
                [
                    QueueFixture.attemptEnd(held[0], QueueFixture.success, at: 1),
                    QueueFixture.attemptEnd(held[1], QueueFixture.serverError, at: 1, keep: true),
                ], in: store)
            #expect(try await store.nodes().map(\.held) == [2])
        }
    }

    @Test("the held count reads only awaiting deliveries through an index, not the whole history")
    func nodesCountThroughAwaitingIndex() async throws {
        try await StoreKind.sqlite.withStore { store in
            let sqlite = try #require(store as? SQLiteStore)
            let plan = try await sqlite.database.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + SQLiteStore.nodesQuery).map { $0["detail"] as String }
            }
            // A search of an index by status, or a walk of the partial index that holds only
            // awaiting deliveries; never a scan of the table or of a full index.
            let deliveries = plan.filter { $0.hasPrefix("SEARCH d ") || $0.hasPrefix("SCAN d") }
            #expect(!deliveries.isEmpty, "\(plan)")
            for step in deliveries {
                #expect(
                    step.hasPrefix("SEARCH d USING INDEX") && step.contains("(status=?")
                        || step == "SCAN d USING INDEX deliveries_awaiting_on_webhook_line", "\(plan)")
            }
        }
    }
}
