import Foundation
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    @Test("an event fans out to the account's webhooks whose patterns match: *, a family, an exact name", arguments: StoreKind.available)
    func fanOut(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let all = try Fixture.webhook("all", events: ["*"])
            let family = try Fixture.webhook("family", events: ["customer.*"])
            let exact = try Fixture.webhook("exact", events: ["customer.created"])
            let other = try Fixture.webhook("other", events: ["reward.issued", "customers.*"])
            let elsewhere = try Fixture.webhook("elsewhere", account: "acc_2", events: ["*"])
            try await Fixture.seed(store, webhooks: [all, family, exact, other, elsewhere])

            let outcomes = try await store.publish(
                [
                    Fixture.event("evt_1", type: "customer.created"),
                    Fixture.event("evt_2", type: "customer.updated"),
                ],
                at: Fixture.now)

            #expect(outcomes.map(\.duplicate) == [false, false])
            #expect(Set(outcomes[0].deliveries.map(\.webhookId)) == [all.id, family.id, exact.id])
            #expect(Set(outcomes[1].deliveries.map(\.webhookId)) == [all.id, family.id])
            for delivery in outcomes[0].deliveries {
                #expect(delivery.status == .pending)
                #expect(delivery.nextAttemptAt == Fixture.now)
                #expect(delivery.eventId == "evt_1")
                #expect(delivery.account == "acc_1")
                #expect(try await store.delivery(id: delivery.id) == delivery)
            }
            #expect(try await store.deliveries(DeliveryFilter(webhookId: other.id)).isEmpty)
            #expect(try await store.deliveries(DeliveryFilter(webhookId: elsewhere.id)).isEmpty)
            #expect(try await store.deliveries(DeliveryFilter()).count == 5)
        }
    }

    @Test("a disabled webhook's share of an event is kept as skipped", arguments: StoreKind.available)
    func disabledWebhookSkipped(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let off = try Fixture.webhook("off", enabled: false)
            try await Fixture.seed(store, webhooks: [off])
            let outcome = try #require(try await store.publish([Fixture.event("evt_1")], at: Fixture.now).first)
            let delivery = try #require(outcome.deliveries.first)
            #expect(delivery.status == .skipped)
            #expect(delivery.nextAttemptAt == nil)
            #expect(try await store.delivery(id: delivery.id)?.status == .skipped)
            #expect(try await store.dueDeliveries(limit: 10).isEmpty)
            #expect(try await store.work(deliveryId: delivery.id) == nil)
        }
    }

    @Test("an event id published again is a duplicate: the stored event, no new deliveries", arguments: StoreKind.available)
    func duplicateAcrossPublishes(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            let original = Fixture.event("evt_1", data: ["n": 1])
            _ = try await store.publish([original], at: Fixture.now)

            var again = Fixture.event("evt_1", data: ["n": 2])
            again.timestamp = Fixture.at(30)
            let outcomes = try await store.publish([again, Fixture.event("evt_2")], at: Fixture.at(30))
            #expect(outcomes[0] == PublishOutcome(event: original, deliveries: [], duplicate: true))
            #expect(outcomes[1].duplicate == false)
            #expect(outcomes[1].deliveries.count == 1)
            #expect(try await store.event(id: "evt_1") == original)
            #expect(try await store.deliveries(DeliveryFilter(eventId: "evt_1")).count == 1)
        }
    }

    @Test("an id repeated within one batch is stored once; the repeat is a duplicate", arguments: StoreKind.available)
    func duplicateWithinBatch(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            let first = Fixture.event("evt_1", data: ["n": 1])
            let outcomes = try await store.publish(
                [first, Fixture.event("evt_1", data: ["n": 2])], at: Fixture.now)
            #expect(outcomes.map(\.duplicate) == [false, true])
            #expect(outcomes[1].event == first)
            #expect(outcomes[1].deliveries.isEmpty)
            #expect(try await store.deliveries(DeliveryFilter()).count == 1)
            #expect(try await store.statistics().events == 1)
        }
    }

    @Test("concurrent publishes of one id store it once", arguments: StoreKind.available)
    func concurrentDuplicates(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            let outcomes = try await withThrowingTaskGroup(of: PublishOutcome.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await store.publish([Fixture.event("evt_1")], at: Fixture.now)[0] }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { !$0.duplicate }.count == 1)
            #expect(try await store.deliveries(DeliveryFilter()).count == 1)
        }
    }

    /// Events that fail part-way through a batch: one the database refuses (its id breaks a
    /// CHECK constraint), one whose envelope cannot be encoded (NaN is not JSON).
    static let failingEvents: [Event] = [
        Fixture.event(""),
        Fixture.event("evt_nan", data: ["ratio": .double(.nan)]),
    ]

    @Test("a batch that fails in the middle leaves nothing behind", arguments: failingEvents)
    func batchAtomicity(failing: Event) async throws {
        try await withTemporaryStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            await #expect(throws: (any Error).self) {
                _ = try await store.publish(
                    [Fixture.event("evt_1"), failing, Fixture.event("evt_3")], at: Fixture.now)
            }
            #expect(try await store.event(id: "evt_1") == nil)
            #expect(try await store.event(id: "evt_3") == nil)
            #expect(try await store.deliveries(DeliveryFilter()).isEmpty)
            #expect(try await store.dueDeliveries(limit: 10).isEmpty)

            // The store is fine afterwards, and the same ids can be published.
            let outcomes = try await store.publish([Fixture.event("evt_1")], at: Fixture.now)
            #expect(outcomes.first?.duplicate == false)
        }
    }

    @Test("a batch of 100 events fans out in one publish", arguments: StoreKind.available)
    func largeBatch(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(
                store,
                webhooks: [
                    try Fixture.webhook("a"), try Fixture.webhook("b", events: ["customer.*"]),
                    try Fixture.webhook("c", events: ["reward.issued"]),
                ])
            let events = (0..<100).map {
                Fixture.event("evt_\($0)", type: $0 % 2 == 0 ? "customer.created" : "reward.issued")
            }
            let outcomes = try await store.publish(events, at: Fixture.now)
            #expect(outcomes.count == 100)
            #expect(outcomes.reduce(0) { $0 + $1.deliveries.count } == 200)
            #expect(try await store.dueDeliveries(limit: 1000).count == 200)
            #expect(try await store.events(EventFilter(limit: 1000)).map(\.id) == events.reversed().map(\.id))
        }
    }

    @Test("publishing to one webhook makes a single pending delivery whatever it subscribes to", arguments: StoreKind.available)
    func publishToWebhook(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm", events: ["reward.issued"])
            let other = try Fixture.webhook("other", events: ["*"])
            try await Fixture.seed(store, webhooks: [crm, other])
            let event = Fixture.event("evt_test", type: "customer.created")

            let delivery = try await store.publish(event, to: crm, at: Fixture.now)
            #expect(delivery.webhookId == crm.id)
            #expect(delivery.webhookName == "crm")
            #expect(delivery.status == .pending)
            #expect(delivery.nextAttemptAt == Fixture.now)
            #expect(try await store.deliveries(DeliveryFilter(eventId: "evt_test")) == [delivery])
            #expect(try await store.work(deliveryId: delivery.id)?.body == (try event.envelopeBody()))

            await #expect(throws: HookdError.alreadyExists(.event, "evt_test")) {
                _ = try await store.publish(event, to: crm, at: Fixture.now)
            }
            try await store.deleteWebhook(id: other.id)
            await #expect(throws: HookdError.notFound(.webhook, "acc_1/other")) {
                _ = try await store.publish(Fixture.event("evt_x"), to: other, at: Fixture.now)
            }
            #expect(try await store.event(id: "evt_x") == nil)
        }
    }
}

extension StoreTests {
    @Test("an event a webhook's filter keeps out creates no delivery there and is counted; other webhooks still get it", arguments: StoreKind.available)
    func filteredFanOut(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var big = try Fixture.webhook("big", events: ["transaction.completed"])
            var problems = ViolationList()
            big.filter = PayloadFilter.parse(["path": "amount", "gte": 100], field: "filter", problems: &problems)
            #expect(big.filter != nil)
            let all = try Fixture.webhook("all", events: ["*"])
            try await Fixture.seed(store, webhooks: [big, all])

            var small = Fixture.event("evt_small", type: "transaction.completed")
            small.data = ["amount": 50]
            var large = Fixture.event("evt_large", type: "transaction.completed")
            large.data = ["amount": 150]
            var unknown = Fixture.event("evt_none", type: "transaction.completed")
            unknown.data = [:]
            let outcomes = try await store.publish([small, large, unknown], at: Fixture.now)

            #expect(outcomes.map { $0.deliveries.map(\.webhookName).sorted() } == [["all"], ["all", "big"], ["all"]])
            #expect(try await store.deliveries(DeliveryFilter(webhookId: big.id)).map(\.eventId) == ["evt_large"])
            #expect(try await store.filteredEventCount(webhookId: big.id) == 2)
            #expect(try await store.filteredEventCount(webhookId: all.id) == 0)

            // The count accumulates across writes, and the filter survives a read back.
            _ = try await store.publish([Fixture.event("evt_later", type: "transaction.completed")], at: Fixture.now)
            #expect(try await store.filteredEventCount(webhookId: big.id) == 3)
            #expect(try await store.webhook(id: big.id)?.filter == big.filter)
        }
    }
}
