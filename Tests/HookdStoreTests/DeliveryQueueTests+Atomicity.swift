import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// A write is one transaction: when any part of it fails, none of it happened.
extension DeliveryQueueTests {
    @Test("a write whose publish fails changes nothing: no event, no delivery, no attempt end, no hold", arguments: StoreKind.available)
    func failedPublishChangesNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1).handedOver[0]
                .delivery
            // Longer than any store keeps an event id.
            let unstorable = Fixture.event(String(repeating: "e", count: Event.maximumIdLength + 1))

            await #expect(throws: (any Error).self) {
                _ = try await store.write(
                    QueueWrite(
                        owner: QueueFixture.node, now: Fixture.at(1),
                        publishes: [[Fixture.event("evt_2")], [unstorable]],
                        completions: [QueueFixture.attemptEnd(held, QueueFixture.success)], room: 10,
                        autoDisable: QueueFixture.neverDisable))
            }
            #expect(try await store.event(id: "evt_2") == nil)
            #expect(try await store.deliveries(DeliveryFilter(webhookId: crm.id)) == [held])
            #expect(try await store.attempts(deliveryId: held.id).isEmpty)
            #expect(try await store.leaseOwner(ofDelivery: held.id) == QueueFixture.node)
        }
    }

    @Test("a write whose last attempt end fails changes nothing: publishes, states, health, disabling and hookd's events roll back", arguments: StoreKind.available)
    func failedCompletionChangesNothing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try QueueFixture.webhook("crm", events: ["customer.*"], retry: QueueFixture.noRetries)
            let ops = try QueueFixture.webhook("ops", events: ["hookd.*"])
            try await Fixture.seed(store, webhooks: [crm, ops])
            let held = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 1).handedOver[0]
                .delivery
            let revision = try await store.configurationSnapshot().stateRevision
            let exhausted = QueueFixture.attemptEnd(held, QueueFixture.serverError, retry: crm.retry)

            // The same attempt twice: its row cannot be written again, after everything the
            // first one entailed (exhausted, health, disabled) was.
            await #expect(throws: (any Error).self) {
                _ = try await store.write(
                    QueueWrite(
                        owner: QueueFixture.node, now: Fixture.at(1), publishes: [[Fixture.event("evt_2")]],
                        completions: [exhausted, exhausted], room: 10, autoDisable: QueueFixture.disableAfter(1)))
            }
            #expect(try await store.events(EventFilter()).map(\.id) == ["evt_1"])
            #expect(try await store.delivery(id: held.id) == held)
            #expect(try await store.attempts(deliveryId: held.id).isEmpty)
            #expect(try await store.leaseOwner(ofDelivery: held.id) == QueueFixture.node)
            #expect(try await store.webhook(id: crm.id)?.enabled == true)
            #expect(try await store.configurationSnapshot().stateRevision == revision)
            #expect(try await store.deliveries(DeliveryFilter(webhookId: ops.id)).isEmpty)

            // The health the failed write folded in is gone too: one exhausted delivery is not
            // two in a row.
            let receipt = try await QueueFixture.complete(
                [exhausted], in: store, room: 10, autoDisable: QueueFixture.disableAfter(2))
            #expect(receipt.disabled.isEmpty)
            #expect(try await store.attempts(deliveryId: held.id) == [try #require(exhausted.attempt)])
            #expect(try await store.events(EventFilter(type: OperationalEvent.deliveryExhausted)).count == 1)
        }
    }
}
