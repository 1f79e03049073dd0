import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// The `DeliveryQueue` contract, through the `Store` protocol only (raw rows through
/// `QueueRows`), so every store implementation can be held to it.
///
/// Spread over extensions by concern: publishing within a write (here), claiming and
/// holding, attempt ends, fifo lines, atomicity, and the SQLite migration.
struct DeliveryQueueTests {
    @Test("a write holds new awaiting deliveries for its owner while room lasts, with body and webhook; the rest stay claimable", arguments: StoreKind.available)
    func publishHandsOverWithinRoom(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(
                store, webhooks: [try QueueFixture.webhook("billing"), try QueueFixture.webhook("crm")])
            let events = [Fixture.event("evt_1"), Fixture.event("evt_2")]
            let receipt = try await QueueFixture.publish(events, to: store, room: 3)
            let deliveries = receipt.published[0].flatMap(\.deliveries)
            #expect(deliveries.count == 4)
            #expect(receipt.handedOver.count == 3)
            #expect(receipt.leftInStore)
            for work in receipt.handedOver {
                #expect(deliveries.contains(work.delivery))
                let event = try #require(events.first { $0.id == work.delivery.eventId })
                #expect(work.body == (try event.envelopeBody()))
                #expect(work.webhook == (try await store.webhook(id: work.delivery.webhookId)))
                #expect(try await store.leaseOwner(ofDelivery: work.delivery.id) == QueueFixture.node)
            }
            let handedOver = Set(receipt.handedOver.map(\.delivery.id))
            let left = try #require(deliveries.first { !handedOver.contains($0.id) })
            #expect(try await store.leaseOwner(ofDelivery: left.id) == nil)

            let claimed = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.now)
            #expect(claimed.work.map(\.delivery) == [left])
            #expect(claimed.work.first?.body == (try events[1].envelopeBody()))
            #expect(claimed.nextDueAt == nil)

            // With room for everything, nothing is left for a claim.
            let roomy = try await QueueFixture.publish([Fixture.event("evt_3")], to: store, room: 10)
            #expect(roomy.handedOver.map(\.delivery) == roomy.published[0][0].deliveries)
            #expect(!roomy.leftInStore)
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)
        }
    }

    @Test("a fifo webhook's deliveries are never handed over at publish, whatever the room; its head is claimable", arguments: StoreKind.available)
    func publishLeavesFifoInStore(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", ordering: .fifo)
            let crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [ledger, crm])
            let receipt = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 10)
            let deliveries = receipt.published[0].flatMap(\.deliveries)
            let line = deliveries.filter { $0.webhookId == ledger.id }
            #expect(line.count == 2)
            #expect(receipt.handedOver.map(\.delivery.webhookId) == [crm.id, crm.id])
            #expect(receipt.leftInStore)
            for delivery in line {
                #expect(try await store.leaseOwner(ofDelivery: delivery.id) == nil)
                #expect(try await store.isMarkedFifo(delivery: delivery.id))
            }
            #expect(try await QueueFixture.claimAll(from: store) == [line[0].id])
        }
    }

    @Test("a disabled webhook's deliveries are kept skipped, never handed over nor claimable", arguments: StoreKind.available)
    func publishSkipsDisabled(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let paused = try QueueFixture.webhook("paused", enabled: false)
            try await Fixture.seed(store, webhooks: [paused])
            let receipt = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 10)
            let delivery = try #require(receipt.published[0][0].deliveries.first)
            #expect(delivery.status == .skipped)
            #expect(delivery.nextAttemptAt == nil)
            #expect(try await store.delivery(id: delivery.id) == delivery)
            #expect(receipt.handedOver.isEmpty)
            #expect(!receipt.leftInStore)
            let claimed = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(3600))
            #expect(claimed.work.isEmpty)
            #expect(claimed.nextDueAt == nil)
        }
    }

    @Test("an event id published twice is stored once, also when two callers of one write carry it", arguments: StoreKind.available)
    func publishDuplicatesOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let first = Fixture.event("evt_1", data: ["n": 1])
            let receipt = try await store.write(
                QueueWrite(
                    owner: QueueFixture.node, now: Fixture.now,
                    publishes: [[first, Fixture.event("evt_2")], [Fixture.event("evt_1", data: ["n": 2])]], room: 10,
                    autoDisable: QueueFixture.neverDisable))
            #expect(receipt.published.map { $0.map(\.duplicate) } == [[false, false], [true]])
            #expect(receipt.published[1][0].deliveries.isEmpty)
            #expect(receipt.published[1][0].event == first)
            #expect(receipt.handedOver.map(\.delivery.eventId) == ["evt_1", "evt_2"])

            let again = try await QueueFixture.publish(
                [Fixture.event("evt_2"), Fixture.event("evt_3"), Fixture.event("evt_3")], to: store, room: 10, at: 1)
            #expect(again.published[0].map(\.duplicate) == [true, false, true])
            #expect(again.handedOver.map(\.delivery.eventId) == ["evt_3"])
            let stored = try await store.deliveries(DeliveryFilter(webhookId: crm.id))
            #expect(stored.map(\.eventId).sorted() == ["evt_1", "evt_2", "evt_3"])
            #expect(try await store.event(id: "evt_1") == first)
        }
    }

    @Test("published holds each caller's outcomes in the order the callers came, events in their order", arguments: StoreKind.available)
    func publishedKeepsCallerOrder(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm")])
            let callers = [["evt_c", "evt_a"], ["evt_e"], ["evt_b", "evt_d"]]
            let receipt = try await store.write(
                QueueWrite(
                    owner: QueueFixture.node, now: Fixture.now,
                    publishes: callers.map { $0.map { Fixture.event($0) } }, room: 0,
                    autoDisable: QueueFixture.neverDisable))
            #expect(receipt.published.map { $0.map(\.event.id) } == callers)
            #expect(receipt.published.map { $0.flatMap { $0.deliveries.map(\.eventId) } } == callers)
            #expect(receipt.handedOver.isEmpty)
            #expect(receipt.leftInStore)
        }
    }
}
