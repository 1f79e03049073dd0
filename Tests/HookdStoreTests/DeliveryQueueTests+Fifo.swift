import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// Fifo lines in writes: the next in line after a head ends, disabled lines, and switching
/// a webhook's ordering.
extension DeliveryQueueTests {
    @Test("ending a fifo head hands its owner the next delivery in line; a retry kept does not move the line", arguments: StoreKind.available)
    func fifoEndHandsOverNext(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", ordering: .fifo)
            try await Fixture.seed(store, webhooks: [ledger])
            let line = try await QueueFixture.waiting(["evt_1", "evt_2", "evt_3"], in: store).map { $0[0] }
            let head = try await store.claim(owner: QueueFixture.node, limit: 10, dueBy: Fixture.now).work
            #expect(head.map(\.delivery) == [line[0]])

            let retry = QueueFixture.attemptEnd(line[0], QueueFixture.serverError, at: 1, keep: true)
            let retried = try await QueueFixture.complete([retry], in: store, room: 10, at: 1)
            #expect(retried.handedOver.isEmpty)
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)

            let end = QueueFixture.attemptEnd(retry.delivery, QueueFixture.success, at: 61)
            let receipt = try await QueueFixture.complete([end], in: store, room: 1, at: 61)
            #expect(receipt.handedOver.map(\.delivery) == [line[1]])
            #expect(receipt.handedOver.first?.webhook == ledger)
            #expect(receipt.handedOver.first?.body == (try Fixture.event("evt_2").envelopeBody()))
            #expect(!receipt.leftInStore)
            #expect(try await store.leaseOwner(ofDelivery: line[1].id) == QueueFixture.node)
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)
        }
    }

    @Test("ending a fifo head with no room leaves the next in line in the store, claimable", arguments: StoreKind.available)
    func fifoEndWithoutRoom(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ledger = try QueueFixture.webhook("ledger", ordering: .fifo)
            try await Fixture.seed(store, webhooks: [ledger])
            let line = try await QueueFixture.waiting(["evt_1", "evt_2"], in: store).map { $0[0] }
            _ = try await store.claim(owner: QueueFixture.node, limit: 10, dueBy: Fixture.now)

            let receipt = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(line[0], QueueFixture.success)], in: store, room: 0)
            #expect(receipt.handedOver.isEmpty)
            #expect(receipt.leftInStore)
            #expect(try await store.leaseOwner(ofDelivery: line[1].id) == nil)
            #expect(try await QueueFixture.claimAll(from: store) == [line[1].id])
        }
    }

    @Test("skipping the head of a disabled fifo webhook keeps its whole line skipped, and no other webhook's", arguments: StoreKind.available)
    func skippedHeadSkipsDisabledLine(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ledger = try QueueFixture.webhook("ledger", events: ["transaction.*"], ordering: .fifo)
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [ledger, crm])
            let line = try await QueueFixture.waiting(["evt_i1", "evt_i2", "evt_i3"], type: "transaction.completed", in: store)
                .map { $0[0] }
            let other = try await QueueFixture.waiting(["evt_c1"], in: store)[0][0]
            let claimed = try await store.claim(owner: QueueFixture.node, limit: 10, dueBy: Fixture.now)
            #expect(Set(claimed.work.map(\.delivery.id)) == [line[0].id, other.id])
            ledger = ledger.disabled(reason: "disabled by operator", at: Fixture.at(1))
            try await store.updateWebhook(ledger)

            let receipt = try await QueueFixture.complete(
                [AttemptCompletion.skipped(line[0], at: Fixture.at(2))], in: store, room: 10, at: 2)
            #expect(receipt.handedOver.isEmpty)
            for delivery in line {
                let stored = try #require(try await store.delivery(id: delivery.id))
                #expect(stored.status == .skipped)
                #expect(stored.nextAttemptAt == nil)
                #expect(try await store.leaseOwner(ofDelivery: delivery.id) == nil)
            }
            #expect(try await store.attempts(deliveryId: line[0].id).isEmpty)
            #expect(try await store.delivery(id: other.id)?.status == .pending)
            #expect(try await store.leaseOwner(ofDelivery: other.id) == QueueFixture.node)
            let after = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(3600))
            #expect(after.work.isEmpty)
            #expect(after.nextDueAt == nil)
        }
    }

    @Test("switching a webhook to fifo takes its waiting deliveries out of the claim but its head; switching back returns them", arguments: StoreKind.available)
    func orderingSwitchMovesWaitingDeliveries(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let line = try await QueueFixture.waiting(["evt_1", "evt_2", "evt_3"], in: store).map { $0[0] }
            for delivery in line {
                #expect(try await !store.isMarkedFifo(delivery: delivery.id))
            }

            crm.ordering = .fifo
            try await store.updateWebhook(crm)
            for delivery in line {
                #expect(try await store.isMarkedFifo(delivery: delivery.id))
            }
            #expect(try await QueueFixture.claimAll(from: store, owner: QueueFixture.node) == [line[0].id])
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)

            crm.ordering = .unordered
            try await store.updateWebhook(crm)
            for delivery in line {
                #expect(try await !store.isMarkedFifo(delivery: delivery.id))
            }
            // The head stays with the node that claimed it; the rest are claimable again.
            #expect(Set(try await QueueFixture.claimAll(from: store)) == [line[1].id, line[2].id])
            #expect(try await store.leaseOwner(ofDelivery: line[0].id) == QueueFixture.node)
        }
    }
}
