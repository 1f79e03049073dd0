import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// `catalog()` answers from memory, yet every committed change to accounts or event types
/// shows in the next answer, whichever path wrote it; a failed write forgets nothing.
struct CatalogTests {
    @Test("creates, updates and deletes of accounts and event types show in the next catalog")
    func followsWrites() async throws {
        try await withTemporaryStore { store in
            #expect(try await store.catalog() == Catalog())
            #expect(store.catalogCache.isKept)

            try await store.createAccount(Fixture.account("acc_1"))
            #expect(!store.catalogCache.isKept)
            #expect(try await store.catalog().accounts.keys.sorted() == ["acc_1"])

            try await store.createEventType(Fixture.eventType("customer.created"))
            #expect(try await store.catalog().eventTypes.keys.sorted() == ["customer.created"])

            var limited = Fixture.account("acc_1", maxWebhooks: 7)
            limited.plan = AccountPlan(maxWebhooks: 7, eventTypes: [try EventPattern("customer.*")])
            try await store.updateAccount(limited)
            #expect(try await store.catalog().accounts["acc_1"]?.plan == limited.plan)

            var described = Fixture.eventType("customer.created")
            described.description = "A customer registered"
            try await store.updateEventType(described)
            #expect(try await store.catalog().eventTypes["customer.created"]?.description == "A customer registered")

            try await store.deleteEventType(named: "customer.created")
            try await store.deleteAccount(named: "acc_1")
            #expect(try await store.catalog() == Catalog())
        }
    }

    @Test("a configuration apply's writes show in the next catalog; one that fails changes nothing kept", arguments: StoreKind.available)
    func followsApplies(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            _ = try await store.catalog()
            _ = try await store.applyConfiguration { _ in
                ([.createAccount(Fixture.account("acc_2")), .createEventType(Fixture.eventType("reward.issued"))], ())
            }
            let applied = try await store.catalog()
            #expect(applied.accounts.keys.sorted() == ["acc_2"])
            #expect(applied.eventTypes.keys.sorted() == ["reward.issued"])

            // Rolled back: the second create of the same account fails the whole apply.
            await #expect(throws: (any Error).self) {
                _ = try await store.applyConfiguration { _ in
                    ([.createAccount(Fixture.account("acc_3")), .createAccount(Fixture.account("acc_2"))], ())
                }
            }
            #expect(try await store.catalog() == applied)
            #expect(try await store.accounts().map(\.name) == ["acc_2"])
        }
    }

    @Test("publishing events, which writes no account or event type, keeps the catalog in memory")
    func publishesKeepIt() async throws {
        try await withTemporaryStore { store in
            try await store.createAccount(Fixture.account("acc_1"))
            try await store.createEventType(Fixture.eventType("customer.created"))
            _ = try await store.catalog()
            _ = try await store.publish(
                [Event(id: "evt_1", account: "acc_1", type: "customer.created", timestamp: Date(), data: [:])], at: Date())
            #expect(store.catalogCache.isKept)
        }
    }
}
