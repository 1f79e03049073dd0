import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// The stores against real databases: SQLite files in temporary directories, and (tests
/// taking a `StoreKind`) a database of their own on the PostgreSQL test cluster as well.
///
/// The tests are spread over extensions by concern: configuration (accounts, event types,
/// webhooks), publishing, and deliveries.
struct StoreTests {
    @Test("the database file is in WAL mode")
    func walMode() async throws {
        try await withTemporaryStore { store in
            #expect(try await store.journalMode() == "wal")
            // The mode is persistent: the file header says WAL (format versions 2).
            let header = try Data(contentsOf: URL(fileURLWithPath: store.path)).prefix(20)
            #expect(Array(header.suffix(2)) == [2, 2])
        }
    }

    @Test("open(dataDirectory:) creates the directory with mode 0700 and hookd.sqlite inside")
    func openCreatesDataDirectory() async throws {
        try await withTemporaryDirectory { parent in
            let directory = parent + "/nested/data"
            let store = try SQLiteStore.open(dataDirectory: directory)
            #expect(store.path == directory + "/hookd.sqlite")
            #expect(FileManager.default.fileExists(atPath: store.path))
            let attributes = try FileManager.default.attributesOfItem(atPath: directory)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test("data survives closing and reopening the file: pending deliveries are still due, with the same body")
    func reopen() async throws {
        try await withTemporaryDirectory { directory in
            let event = Fixture.event("evt_1")
            let path: String
            let outcome: PublishOutcome
            do {
                let store = try SQLiteStore.open(dataDirectory: directory)
                path = store.path
                try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm"), try Fixture.webhook("billing")])
                try await store.createEventType(Fixture.eventType("customer.created"))
                outcome = try #require(try await store.publish([event], at: Fixture.now).first)
            }

            let reopened = try SQLiteStore(path: path)
            #expect(try await reopened.accounts().map(\.name) == ["acc_1"])
            #expect(try await reopened.eventTypes().map(\.name) == ["customer.created"])
            #expect(try await reopened.webhooks(account: nil).map(\.name) == ["billing", "crm"])
            #expect(try await reopened.event(id: "evt_1") == event)
            let due = try await reopened.dueDeliveries(limit: 10)
            #expect(Set(due.map(\.deliveryId)) == Set(outcome.deliveries.map(\.id)))
            #expect(due.allSatisfy { $0.dueAt == Fixture.now })
            for delivery in outcome.deliveries {
                let work = try #require(try await reopened.work(deliveryId: delivery.id))
                #expect(work.body == (try event.envelopeBody()))
                #expect(work.delivery == delivery)
            }
        }
    }

    @Test("the state revision advances on configuration writes only", arguments: StoreKind.available)
    func stateRevision(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.stateRevision() == 0)
            try await store.createAccount(Fixture.account())
            try await store.createEventType(Fixture.eventType("customer.created"))
            var webhook = try Fixture.webhook("crm")
            try await store.createWebhook(webhook)
            #expect(try await store.stateRevision() == 3)

            // Events, deliveries and attempts are not configuration.
            let outcome = try #require(try await store.publish([Fixture.event("evt_1")], at: Fixture.now).first)
            let delivery = try #require(outcome.deliveries.first)
            let result = AttemptOutcome.response(statusCode: 200, body: "ok")
            try await store.record(
                Attempt(deliveryId: delivery.id, number: 1, startedAt: Fixture.now, durationMs: 5, outcome: result),
                updating: delivery.after(result, startedAt: Fixture.now, retry: .standard, now: Fixture.now))
            #expect(try await store.stateRevision() == 3)

            // A refused write changes nothing, the revision included.
            await #expect(throws: HookdError.self) { try await store.createAccount(Fixture.account()) }
            await #expect(throws: HookdError.self) { try await store.deleteAccount(named: "acc_1") }
            #expect(try await store.stateRevision() == 3)

            webhook.enabled = false
            try await store.updateWebhook(webhook)
            try await store.updateAccount(Fixture.account(maxWebhooks: 5))
            try await store.updateEventType(Fixture.eventType("customer.created"))
            try await store.deleteWebhook(id: webhook.id)
            try await store.deleteEventType(named: "customer.created")
            try await store.deleteAccount(named: "acc_1")
            #expect(try await store.stateRevision() == 9)
        }
    }

    @Test("statistics count every resource and list every delivery status", arguments: StoreKind.available)
    func statistics(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let empty = try await store.statistics()
            #expect(
                empty
                    == ResourceCounts(
                        accounts: 0, eventTypes: 0, webhooks: 0, events: 0,
                        deliveries: ["pending": 0, "scheduled": 0, "delivered": 0, "failed": 0, "skipped": 0]))

            try await Fixture.seed(
                store, webhooks: [try Fixture.webhook("crm"), try Fixture.webhook("off", enabled: false)])
            try await store.createEventType(Fixture.eventType("customer.created"))
            _ = try await store.publish([Fixture.event("evt_1"), Fixture.event("evt_2")], at: Fixture.now)

            let stats = try await store.statistics()
            #expect(stats.accounts == 1)
            #expect(stats.eventTypes == 1)
            #expect(stats.webhooks == 2)
            #expect(stats.events == 2)
            #expect(stats.deliveries == ["pending": 2, "scheduled": 0, "delivered": 0, "failed": 0, "skipped": 2])
        }
    }
}

extension StoreTests {
    @Test("claims read the partial index deliveries_claimable in order: no scan, no sort of every waiting delivery")
    func claimsUseTheClaimableIndex() async throws {
        try await withTemporaryStore { store in
            for (sql, arguments) in [(SQLiteStore.claimableSQL, [Int64(0), 1000]), (SQLiteStore.nextClaimableSQL, [])] {
                let plan = try await store.queryPlan(of: sql, arguments: arguments)
                #expect(plan.contains { $0.contains("USING INDEX deliveries_claimable") }, "\(plan)")
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            }
        }
    }
}

extension StoreTests {
    @Test("durability full syncs every commit (synchronous FULL); normal only writes it out (NORMAL)")
    func durabilitySetsSynchronous() async throws {
        try await withTemporaryDirectory { directory in
            let full = try SQLiteStore.open(dataDirectory: directory + "/full")
            let normal = try SQLiteStore.open(dataDirectory: directory + "/normal", durability: .normal)
            #expect(try await full.synchronousSetting() == 2)
            #expect(try await normal.synchronousSetting() == 1)
        }
    }
}
