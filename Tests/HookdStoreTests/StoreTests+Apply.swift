import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// `applyConfiguration`: an apply's writes in one transaction, each checked as the
/// single-resource methods check it, the plan limit counted across the apply's own writes.
extension StoreTests {
    /// Applies `writes` (planned against nothing) and returns the revision after.
    @discardableResult
    private func apply(_ writes: [ConfigurationWrite], to store: any StoreUnderTest) async throws -> Int64 {
        try await store.applyConfiguration { _ in (writes, ()) }.stateRevision
    }

    @Test("an apply's creates, updates and deletes all land, with one revision step", arguments: StoreKind.available)
    func applyWrites(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            let old = try Fixture.webhook("old")
            let before = try await store.stateRevision()
            let revision = try await apply(
                [
                    .createAccount(Fixture.account("acc_1", maxWebhooks: 5)),
                    .createEventType(Fixture.eventType("customer.created")),
                    .createWebhook(crm), .createWebhook(old),
                ], to: store)
            #expect(revision == before + 1)

            var moved = crm
            moved.url = "https://crm.example.com/v2"
            moved.name = "crm-v2"
            let added = try (0..<3).map { try Fixture.webhook("extra-\($0)") }
            try await apply([.deleteWebhook(old), .updateWebhook(moved)] + added.map(ConfigurationWrite.createWebhook), to: store)
            let snapshot = try await store.configurationSnapshot()
            #expect(snapshot.stateRevision == before + 2)
            #expect(snapshot.webhooks.map(\.name) == ["crm-v2", "extra-0", "extra-1", "extra-2"])
            #expect(snapshot.webhooks.first?.url == "https://crm.example.com/v2")
            #expect(snapshot.webhooks.first?.createdAt == crm.createdAt)

            // Nothing to write: the revision stays.
            #expect(try await apply([], to: store) == before + 2)
        }
    }

    @Test("the plan limit counts the apply's own inserts and deletes; one write too many undoes the whole apply", arguments: StoreKind.available)
    func applyPlanLimit(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.createAccount(Fixture.account("acc_1", maxWebhooks: 3))
            let first = try Fixture.webhook("first")
            try await store.createWebhook(first)
            let before = try await store.stateRevision()

            let tooMany = try (1...3).map { ConfigurationWrite.createWebhook(try Fixture.webhook("new-\($0)")) }
            await #expect(throws: HookdError.planLimitExceeded(account: "acc_1", maxWebhooks: 3)) {
                try await apply(tooMany, to: store)
            }
            #expect(try await store.webhooks(account: "acc_1").map(\.name) == ["first"])
            #expect(try await store.stateRevision() == before)

            // Deleting first, after the apply's first insert, makes room for its third.
            try await apply([tooMany[0], .deleteWebhook(first), tooMany[1], tooMany[2]], to: store)
            #expect(try await store.webhooks(account: "acc_1").map(\.name) == ["new-1", "new-2", "new-3"])

            // A full account: renaming a webhook in place keeps its place, moving one in does not fit.
            var renamed = try #require(try await store.webhooks(account: "acc_1").first)
            renamed.name = "renamed"
            try await apply([.updateWebhook(renamed)], to: store)
            try await store.createAccount(Fixture.account("acc_2"))
            let outsider = try Fixture.webhook("outsider", account: "acc_2")
            try await store.createWebhook(outsider)
            var movedIn = outsider
            movedIn.account = "acc_1"
            await #expect(throws: HookdError.planLimitExceeded(account: "acc_1", maxWebhooks: 3)) {
                try await apply([.updateWebhook(movedIn)], to: store)
            }
            // Moving one out first makes room for it.
            var movedOut = renamed
            movedOut.account = "acc_2"
            try await apply([.updateWebhook(movedOut), .updateWebhook(movedIn)], to: store)
            #expect(try await store.webhooks(account: "acc_1").map(\.name).sorted() == ["new-2", "new-3", "outsider"])
            #expect(try await store.webhooks(account: "acc_2").map(\.name) == ["renamed"])
        }
    }

    @Test("an apply's writes are checked like single ones: taken names, unknown accounts, missing webhooks", arguments: StoreKind.available)
    func applyErrors(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let before = try await store.stateRevision()
            let ghost = try Fixture.webhook("ghost")
            let cases: [(ConfigurationWrite, HookdError)] = [
                (.createWebhook(try Fixture.webhook("crm")), .alreadyExists(.webhook, "acc_1/crm")),
                (.createWebhook(crm), .alreadyExists(.webhook, crm.id)),
                (.createWebhook(try Fixture.webhook("x", account: "acc_9")), .notFound(.account, "acc_9")),
                (.updateWebhook(ghost), .notFound(.webhook, "acc_1/ghost")),
                (.deleteWebhook(ghost), .notFound(.webhook, "acc_1/ghost")),
            ]
            for (write, error) in cases {
                let fresh = try Fixture.webhook("fresh")
                await #expect(throws: error) {
                    try await apply([.createWebhook(fresh), write], to: store)
                }
            }
            #expect(try await store.webhooks(account: "acc_1").map(\.name) == ["crm"])
            #expect(try await store.stateRevision() == before)
        }
    }
}
