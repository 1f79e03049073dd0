import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// The writer keeps each account's webhooks between transactions (`CommittedWebhooks`), yet
/// every committed change to a webhook, whichever path made it, shows in the next write's
/// fan-out; a change that rolls back leaves nothing of itself kept.
struct CommittedWebhooksTests {
    /// Which webhooks (by name) each event's deliveries went to, and with what status.
    private static func fannedOut(_ receipt: QueueWriteReceipt, names: [String: String]) -> [String: DeliveryStatus] {
        var statuses: [String: DeliveryStatus] = [:]
        for delivery in receipt.published.flatMap({ $0.flatMap(\.deliveries) }) {
            statuses[names[delivery.webhookId] ?? delivery.webhookId] = delivery.status
        }
        return statuses
    }

    /// Seeds the webhook `billing` and publishes `evt_1`, which leaves `acc_1`'s webhooks kept.
    private static func billingKept(in store: SQLiteStore) async throws -> Webhook {
        let billing = try QueueFixture.webhook("billing")
        try await Fixture.seed(store, webhooks: [billing])
        _ = try await QueueFixture.publish([Fixture.event("evt_1")], to: store)
        #expect(store.committedWebhooks.keptAccounts == 1)
        return billing
    }

    @Test("created, updated, deleted and automatically disabled webhooks all show in the next write's fan-out")
    func followsEveryChange() async throws {
        try await withTemporaryStore { store in
            let billing = try QueueFixture.webhook("billing")
            try await Fixture.seed(store, webhooks: [billing])
            var names = [billing.id: "billing"]

            let first = try await QueueFixture.publish([Fixture.event("evt_1")], to: store)
            #expect(Self.fannedOut(first, names: names) == ["billing": .pending])
            #expect(store.committedWebhooks.keptAccounts == 1)
            // Kept: the next write fans out without reading them again, to the same result.
            let kept = try await QueueFixture.publish([Fixture.event("evt_2")], to: store)
            #expect(Self.fannedOut(kept, names: names) == ["billing": .pending])

            let crm = try QueueFixture.webhook("crm")
            names[crm.id] = "crm"
            try await store.createWebhook(crm)
            #expect(store.committedWebhooks.keptAccounts == 0)
            let created = try await QueueFixture.publish([Fixture.event("evt_3")], to: store)
            #expect(Self.fannedOut(created, names: names) == ["billing": .pending, "crm": .pending])

            var disabled = billing
            disabled.enabled = false
            disabled.disabledReason = "disabled by operator"
            try await store.updateWebhook(disabled)
            let updated = try await QueueFixture.publish([Fixture.event("evt_4")], to: store)
            #expect(Self.fannedOut(updated, names: names) == ["billing": .skipped, "crm": .pending])

            // The writer itself disables crm when an attempt's end says so; the same write's
            // announcement fans out after the change, and the next write sees it committed.
            let crmDelivery = try #require(updated.published[0][0].deliveries.first { $0.webhookId == crm.id })
            _ = try await QueueFixture.complete(
                [QueueFixture.attemptEnd(crmDelivery, QueueFixture.gone, disableReason: "endpoint answered 410")], in: store)
            #expect(try await store.webhook(id: crm.id)?.enabled == false)
            let afterDisable = try await QueueFixture.publish([Fixture.event("evt_5")], to: store, at: 2)
            #expect(Self.fannedOut(afterDisable, names: names) == ["billing": .skipped, "crm": .skipped])

            try await store.deleteWebhook(id: billing.id)
            let deleted = try await QueueFixture.publish([Fixture.event("evt_6")], to: store, at: 3)
            #expect(Self.fannedOut(deleted, names: names) == ["crm": .skipped])
        }
    }

    @Test("a configuration apply's webhooks show in the next write's fan-out; a failed apply changes nothing kept")
    func followsApplies() async throws {
        try await withTemporaryStore { store in
            let billing = try await Self.billingKept(in: store)

            let crm = try QueueFixture.webhook("crm")
            _ = try await store.applyConfiguration { _ in ([.createWebhook(crm)], ()) }
            #expect(store.committedWebhooks.keptAccounts == 0)
            let applied = try await QueueFixture.publish([Fixture.event("evt_2")], to: store)
            #expect(Set(applied.published[0][0].deliveries.map(\.webhookId)) == [billing.id, crm.id])

            // Rolled back: the second create of the same account fails the whole apply.
            let ledger = try QueueFixture.webhook("ledger")
            await #expect(throws: (any Error).self) {
                _ = try await store.applyConfiguration { _ in
                    ([.createWebhook(ledger), .createAccount(Fixture.account("acc_1"))], ())
                }
            }
            let afterFailure = try await QueueFixture.publish([Fixture.event("evt_3")], to: store)
            #expect(Set(afterFailure.published[0][0].deliveries.map(\.webhookId)) == [billing.id, crm.id])
        }
    }

    @Test("a write that changed a webhook and rolled back leaves nothing kept, and keeps nothing it read after its change")
    func rollbackForgets() async throws {
        try await withTemporaryStore { store in
            let billing = try await Self.billingKept(in: store)

            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await store.database.write { db in
                    try db.execute(sql: "UPDATE webhooks SET enabled = 0 WHERE id = ?", arguments: [billing.id])
                    // Read after the change: not what is committed, so not kept.
                    #expect(store.committedWebhooks.webhooks(of: "acc_1") == nil)
                    store.committedWebhooks.keep([], of: "acc_2")
                    throw Abandon()
                }
            }
            #expect(store.committedWebhooks.keptAccounts == 0)
            let after = try await QueueFixture.publish([Fixture.event("evt_2")], to: store)
            #expect(after.published[0][0].deliveries.map(\.status) == [.pending])
        }
    }
}
