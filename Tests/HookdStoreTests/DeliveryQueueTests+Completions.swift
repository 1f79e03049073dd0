import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// Attempt ends within a write: states, attempt rows, holds, and what a webhook's health
/// entails.
extension DeliveryQueueTests {
    @Test("an attempt's end writes the delivery's state and its attempt row, and lets go of the delivery", arguments: StoreKind.available)
    func completionWritesStateAndAttempt(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm")])
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1).handedOver[0]
            let end = QueueFixture.attemptEnd(held.delivery, QueueFixture.success, at: 1)
            let receipt = try await QueueFixture.complete([end], in: store)
            #expect(receipt.gone.isEmpty)
            #expect(try await store.delivery(id: held.delivery.id) == end.delivery)
            #expect(try await store.delivery(id: held.delivery.id)?.status == .delivered)
            #expect(try await store.attempts(deliveryId: held.delivery.id) == [try #require(end.attempt)])
            #expect(try await store.leaseOwner(ofDelivery: held.delivery.id) == nil)
            #expect(try await QueueFixture.claimAll(from: store).isEmpty)
        }
    }

    @Test("a delivery ending twice in one write is written in order: both attempts, the later state", arguments: StoreKind.available)
    func completionTwiceInOneWrite(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm")])
            let held = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 2
            ).handedOver.map(\.delivery)
            let failed = QueueFixture.attemptEnd(held[0], QueueFixture.serverError, at: 1, keep: true)
            let other = QueueFixture.attemptEnd(held[1], QueueFixture.success, at: 1)
            let delivered = QueueFixture.attemptEnd(failed.delivery, QueueFixture.success, at: 2)
            let receipt = try await QueueFixture.complete([failed, other, delivered], in: store, at: 2)
            #expect(receipt.gone.isEmpty)
            #expect(try await store.delivery(id: held[0].id) == delivered.delivery)
            #expect(try await store.attempts(deliveryId: held[0].id) == [failed.attempt, delivered.attempt].compactMap { $0 })
            #expect(try await store.delivery(id: held[1].id) == other.delivery)
            #expect(try await store.leaseOwner(ofDelivery: held[0].id) == nil)
        }
    }

    @Test("keep: true holds a scheduled retry for its owner; keep: false frees it for a claim once due", arguments: StoreKind.available)
    func completionKeepOrFree(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try QueueFixture.webhook("crm")])
            let held = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 2
            ).handedOver.map(\.delivery)
            let kept = QueueFixture.attemptEnd(held[0], QueueFixture.serverError, at: 1, keep: true)
            let freed = QueueFixture.attemptEnd(held[1], QueueFixture.serverError, at: 1, keep: false)
            _ = try await QueueFixture.complete([kept, freed], in: store)
            #expect(try await store.delivery(id: held[0].id) == kept.delivery)
            #expect(kept.delivery.status == .scheduled)
            #expect(try await store.leaseOwner(ofDelivery: held[0].id) == QueueFixture.node)
            #expect(try await store.leaseOwner(ofDelivery: held[1].id) == nil)

            let early = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(60))
            #expect(early.work.isEmpty)
            #expect(early.nextDueAt == Fixture.at(61))
            let due = try await store.claim(owner: QueueFixture.otherNode, limit: 10, dueBy: Fixture.at(61))
            #expect(due.work.map(\.delivery) == [freed.delivery])
            #expect(due.nextDueAt == nil)
        }
    }

    @Test("a delivered delivery resets its webhook's health: failures must be in a row to disable it", arguments: StoreKind.available)
    func deliveredResetsHealth(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", retry: QueueFixture.noRetries)
            try await Fixture.seed(store, webhooks: [crm])
            let held = try await QueueFixture.publish(
                ["evt_1", "evt_2", "evt_3", "evt_4"].map { Fixture.event($0) }, to: store, room: 4
            ).handedOver.map(\.delivery)
            let policy = QueueFixture.disableAfter(2)
            let mixed = try await QueueFixture.complete(
                [
                    QueueFixture.attemptEnd(held[0], QueueFixture.serverError, retry: crm.retry),
                    QueueFixture.attemptEnd(held[1], QueueFixture.success),
                    QueueFixture.attemptEnd(held[2], QueueFixture.serverError, retry: crm.retry),
                ], in: store, autoDisable: policy)
            #expect(mixed.disabled.isEmpty)
            #expect(try await store.webhook(id: crm.id)?.enabled == true)

            let second = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[3], QueueFixture.serverError, retry: crm.retry, at: 2)], in: store, at: 2,
                autoDisable: policy)
            #expect(second.disabled.map(\.id) == [crm.id])
        }
    }

    @Test("health folds across one write: two exhausted ends in the same commit disable the webhook after 2", arguments: StoreKind.available)
    func healthFoldsWithinOneWrite(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", retry: QueueFixture.noRetries)
            try await Fixture.seed(store, webhooks: [crm])
            let held = try await QueueFixture.publish(
                ["evt_1", "evt_2", "evt_3"].map { Fixture.event($0) }, to: store, room: 3
            ).handedOver.map(\.delivery)
            let policy = QueueFixture.disableAfter(2)
            // Delivered, then two exhausted: the first failure starts the count after the reset.
            let receipt = try await QueueFixture.complete(
                [
                    QueueFixture.attemptEnd(held[0], QueueFixture.success),
                    QueueFixture.attemptEnd(held[1], QueueFixture.serverError, retry: crm.retry),
                    QueueFixture.attemptEnd(held[2], QueueFixture.serverError, retry: crm.retry),
                ], in: store, autoDisable: policy)
            #expect(receipt.disabled.map(\.id) == [crm.id])
            #expect(try await store.webhook(id: crm.id)?.enabled == false)
        }
    }

    @Test("N exhausted deliveries in a row disable the webhook, announced to a hookd.* subscriber in the same write", arguments: StoreKind.available)
    func exhaustedDisables(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"], retry: QueueFixture.noRetries)
            let ops = try QueueFixture.webhook("ops", events: ["hookd.*"])
            try await Fixture.seed(store, webhooks: [crm, ops])
            let held = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 2
            ).handedOver.map(\.delivery)
            let policy = QueueFixture.disableAfter(2)
            let revision = try await store.configurationSnapshot().stateRevision

            let first = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[0], QueueFixture.serverError, retry: crm.retry, at: 1)], in: store,
                at: 1, autoDisable: policy)
            #expect(first.disabled.isEmpty)
            #expect(try await store.webhook(id: crm.id)?.enabled == true)
            #expect(try await store.events(EventFilter(type: OperationalEvent.deliveryExhausted)).count == 1)

            let second = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[1], QueueFixture.serverError, retry: crm.retry, at: 2)], in: store,
                room: 10, at: 2, autoDisable: policy)
            let stored = try #require(try await store.webhook(id: crm.id))
            #expect(second.disabled == [stored])
            #expect(!stored.enabled)
            let twoInARow = WebhookHealth(consecutiveExhausted: 2, failingSince: Fixture.at(1))
            #expect(stored.disabledReason == policy.disableReason(for: twoInARow, at: Fixture.at(2)))
            #expect(try await store.configurationSnapshot().stateRevision == revision + 1)

            let exhausted = try await store.events(EventFilter(type: OperationalEvent.deliveryExhausted))
            #expect(Set(exhausted.compactMap { $0.data["delivery_id"]?.stringValue }) == Set(held.map(\.id)))
            let disabled = try await store.events(EventFilter(type: OperationalEvent.webhookDisabled))
            #expect(disabled.map { $0.data["webhook_id"]?.stringValue } == [crm.id])
            #expect(disabled.allSatisfy { $0.account == crm.account })
            // Every one of hookd's events went out to the subscriber; the second write's are
            // held for its owner.
            let toOps = try await store.deliveries(DeliveryFilter(webhookId: ops.id))
            #expect(Set(toOps.map(\.eventId)) == Set((exhausted + disabled).map(\.id)))
            #expect(toOps.allSatisfy { $0.status == .pending })
            let secondExhausted = exhausted.filter { $0.data["delivery_id"]?.stringValue == held[1].id }
            let secondEvents = Set([disabled[0].id] + secondExhausted.map(\.id))
            #expect(Set(second.handedOver.map(\.delivery.eventId)) == secondEvents)
            #expect(second.handedOver.allSatisfy { $0.webhook == ops })
        }
    }

    @Test("disableReason (a 410 Gone) disables the webhook at once and announces it, only the first time", arguments: StoreKind.available)
    func goneDisablesAtOnce(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            let ops = try QueueFixture.webhook("ops", events: ["hookd.*"])
            try await Fixture.seed(store, webhooks: [crm, ops])
            let held = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 2
            ).handedOver.map(\.delivery)
            let revision = try await store.configurationSnapshot().stateRevision
            let reason = Webhook.goneReason(at: Fixture.at(1))

            let end = QueueFixture.attemptEnd(held[0], QueueFixture.gone, at: 1, disableReason: reason)
            let receipt = try await QueueFixture.complete([end], in: store, room: 10, at: 1)
            let stored = try #require(try await store.webhook(id: crm.id))
            #expect(receipt.disabled == [stored])
            #expect(stored.disabledReason == reason)
            #expect(!stored.enabled)
            #expect(try await store.delivery(id: held[0].id)?.status == .failed)
            #expect(try await store.configurationSnapshot().stateRevision == revision + 1)
            let announced = try await store.events(EventFilter(type: OperationalEvent.webhookDisabled))
            #expect(announced.map { $0.data["reason"]?.stringValue } == [reason])
            #expect(receipt.handedOver.map(\.delivery.eventId) == announced.map(\.id))
            #expect(receipt.handedOver.map(\.webhook) == [ops])

            let again = QueueFixture.attemptEnd(held[1], QueueFixture.gone, at: 2, disableReason: reason)
            let second = try await QueueFixture.complete([again], in: store, room: 10, at: 2)
            #expect(second.disabled.isEmpty)
            #expect(try await store.configurationSnapshot().stateRevision == revision + 1)
            #expect(try await store.events(EventFilter(type: OperationalEvent.webhookDisabled)).count == 1)
        }
    }

    @Test("a webhook that delivers after exhausted deliveries publishes hookd.webhook.recovered, once", arguments: StoreKind.available)
    func recoveredAfterFailures(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"], retry: QueueFixture.noRetries)
            let ops = try QueueFixture.webhook("ops", events: ["hookd.*"])
            try await Fixture.seed(store, webhooks: [crm, ops])
            let held = try await QueueFixture.publish(
                ["evt_1", "evt_2", "evt_3", "evt_4"].map { Fixture.event($0) }, to: store, room: 4
            ).handedOver.map(\.delivery)
            _ = try await QueueFixture.complete(
                [
                    QueueFixture.attemptEnd(held[0], QueueFixture.serverError, retry: crm.retry, at: 1),
                    QueueFixture.attemptEnd(held[1], QueueFixture.serverError, retry: crm.retry, at: 1),
                ], in: store, at: 1)
            #expect(try await store.events(EventFilter(type: OperationalEvent.webhookRecovered)).isEmpty)

            let receipt = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[2], QueueFixture.success, at: 2)], in: store, room: 10, at: 2)
            let recovered = try await store.events(EventFilter(type: OperationalEvent.webhookRecovered))
            #expect(recovered.count == 1)
            #expect(recovered.first?.data["webhook_id"]?.stringValue == crm.id)
            #expect(recovered.first?.data["failed_deliveries"] == 2)
            #expect(recovered.first?.data["failing_since"]?.stringValue == Timestamp.format(Fixture.at(1)))
            #expect(receipt.handedOver.map(\.delivery.eventId) == recovered.map(\.id))

            _ = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[3], QueueFixture.success, at: 3)], in: store, at: 3)
            #expect(try await store.events(EventFilter(type: OperationalEvent.webhookRecovered)).count == 1)
        }
    }

    @Test("deliveries of hookd's own events never count toward health nor raise further events", arguments: StoreKind.available)
    func operationalDeliveriesDoNotCount(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let ops = try QueueFixture.webhook("ops", events: ["hookd.*"], retry: QueueFixture.noRetries)
            try await Fixture.seed(store, webhooks: [ops])
            let announced = Fixture.event("evt_ops", type: OperationalEvent.webhookDisabled)
            let held = try await QueueFixture.publish([announced], to: store, room: 1).handedOver.map(\.delivery)
            #expect(held.count == 1)

            let receipt = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(held[0], QueueFixture.serverError, retry: ops.retry)], in: store, room: 10,
                autoDisable: QueueFixture.disableAfter(1))
            #expect(try await store.delivery(id: held[0].id)?.status == .failed)
            #expect(receipt.disabled.isEmpty)
            #expect(receipt.handedOver.isEmpty)
            #expect(try await store.webhook(id: ops.id)?.enabled == true)
            #expect(try await store.events(EventFilter()).map(\.id) == [announced.id])
        }
    }

    @Test("a completion whose delivery is gone (webhook deleted) lands in gone; the rest of the write commits", arguments: StoreKind.available)
    func completionOfDeletedWebhook(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let billing = try QueueFixture.webhook("billing")
            let crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [billing, crm])
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 2).handedOver
                .map(\.delivery)
            let toCRM = try #require(held.first { $0.webhookId == crm.id })
            let toBilling = try #require(held.first { $0.webhookId == billing.id })
            try await store.deleteWebhook(id: crm.id)

            let ends = [toCRM, toBilling].map { QueueFixture.attemptEnd($0, QueueFixture.success) }
            let receipt = try await store.write(
                QueueWrite(
                    owner: QueueFixture.node, now: Fixture.at(1), publishes: [[Fixture.event("evt_2")]],
                    completions: ends, room: 10, autoDisable: QueueFixture.neverDisable))
            #expect(receipt.gone == [toCRM.id])
            #expect(try await store.delivery(id: toCRM.id) == nil)
            #expect(try await store.attempts(deliveryId: toCRM.id).isEmpty)
            #expect(try await store.delivery(id: toBilling.id) == ends[1].delivery)
            #expect(try await store.attempts(deliveryId: toBilling.id).count == 1)
            #expect(receipt.published[0].map(\.duplicate) == [false])
            #expect(receipt.handedOver.map(\.webhook.id) == [billing.id])
        }
    }
}
