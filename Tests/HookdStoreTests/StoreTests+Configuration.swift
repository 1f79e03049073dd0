import Foundation
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    // MARK: Accounts

    @Test("an account is created, read, listed by name, updated and deleted", arguments: StoreKind.available)
    func accountLifecycle(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var account = Account(
                name: "acc_2", plan: AccountPlan(maxWebhooks: 3, eventTypes: [try EventPattern("customer.*")]),
                managed: true, createdAt: Fixture.now)
            try await store.createAccount(account)
            try await store.createAccount(Fixture.account("acc_1"))
            #expect(try await store.account(named: "acc_2") == account)
            #expect(try await store.account(named: "acc_9") == nil)
            #expect(try await store.accounts().map(\.name) == ["acc_1", "acc_2"])

            account.plan = AccountPlan(maxWebhooks: nil, eventTypes: [.all])
            account.managed = false
            var changed = account
            changed.createdAt = Fixture.at(60)
            try await store.updateAccount(changed)
            #expect(try await store.account(named: "acc_2") == account, "the creation date stays")

            try await store.deleteAccount(named: "acc_2")
            #expect(try await store.accounts().map(\.name) == ["acc_1"])
        }
    }

    @Test("account errors: ALREADY_EXISTS on a taken name, NOT_FOUND on a missing one", arguments: StoreKind.available)
    func accountErrors(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.createAccount(Fixture.account())
            await #expect(throws: HookdError.alreadyExists(.account, "acc_1")) {
                try await store.createAccount(Fixture.account())
            }
            await #expect(throws: HookdError.notFound(.account, "acc_9")) {
                try await store.updateAccount(Fixture.account("acc_9"))
            }
            await #expect(throws: HookdError.notFound(.account, "acc_9")) {
                try await store.deleteAccount(named: "acc_9")
            }
        }
    }

    @Test("an account that still has webhooks cannot be deleted", arguments: StoreKind.available)
    func accountWithWebhooks(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm, try Fixture.webhook("billing")])
            let error = await #expect(throws: HookdError.self) { try await store.deleteAccount(named: "acc_1") }
            #expect(error?.status == .failedPrecondition)
            #expect(error?.reason == "hookd.AccountHasWebhooks")
            #expect(error?.message.contains("billing, crm") == true)
            #expect(try await store.account(named: "acc_1") != nil)

            for webhook in try await store.webhooks(account: "acc_1") {
                try await store.deleteWebhook(id: webhook.id)
            }
            try await store.deleteAccount(named: "acc_1")
            #expect(try await store.account(named: "acc_1") == nil)
        }
    }

    // MARK: Event types

    @Test("an event type keeps its schema and example as given", arguments: StoreKind.available)
    func eventTypeLifecycle(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var eventType = EventType(
                name: "transaction.completed", description: "Transaction finalized and confirmed",
                schema: [
                    "type": "object", "required": ["transaction_id"], "properties": ["amount": ["type": "number"]],
                ],
                example: ["transaction_id": "txn_11111", "amount": 50, "ratio": 0.5, "note": nil],
                managed: true, createdAt: Fixture.now)
            try await store.createEventType(eventType)
            try await store.createEventType(Fixture.eventType("customer.created"))
            #expect(try await store.eventType(named: "transaction.completed") == eventType)
            #expect(try await store.eventType(named: "reward.issued") == nil)
            #expect(try await store.eventTypes().map(\.name) == ["customer.created", "transaction.completed"])

            eventType.description = nil
            eventType.schema = nil
            eventType.example = .null
            try await store.updateEventType(eventType)
            #expect(try await store.eventType(named: "transaction.completed") == eventType)

            try await store.deleteEventType(named: "transaction.completed")
            #expect(try await store.eventTypes().map(\.name) == ["customer.created"])
        }
    }

    @Test("event type errors: ALREADY_EXISTS on a taken name, NOT_FOUND on a missing one", arguments: StoreKind.available)
    func eventTypeErrors(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.createEventType(Fixture.eventType("customer.created"))
            await #expect(throws: HookdError.alreadyExists(.eventType, "customer.created")) {
                try await store.createEventType(Fixture.eventType("customer.created"))
            }
            await #expect(throws: HookdError.notFound(.eventType, "reward.issued")) {
                try await store.updateEventType(Fixture.eventType("reward.issued"))
            }
            await #expect(throws: HookdError.notFound(.eventType, "reward.issued")) {
                try await store.deleteEventType(named: "reward.issued")
            }
        }
    }

    @Test("an event type a webhook subscribes to by name cannot be deleted; patterns do not hold it", arguments: StoreKind.available)
    func eventTypeInUse(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(
                store,
                webhooks: [
                    try Fixture.webhook("crm", events: ["customer.created", "reward.issued"]),
                    try Fixture.webhook("audit", account: "acc_2", events: ["customer.created"]),
                    try Fixture.webhook("all", events: ["*"]),
                    try Fixture.webhook("family", events: ["customer.*"]),
                ])
            try await store.createEventType(Fixture.eventType("customer.created"))
            try await store.createEventType(Fixture.eventType("customer.updated"))

            let error = await #expect(throws: HookdError.self) {
                try await store.deleteEventType(named: "customer.created")
            }
            #expect(error?.status == .failedPrecondition)
            #expect(error?.reason == "hookd.EventTypeInUse")
            #expect(error?.message.contains("acc_1/crm, acc_2/audit") == true)
            #expect(try await store.eventType(named: "customer.created") != nil)

            try await store.deleteEventType(named: "customer.updated")
        }
    }

    // MARK: Webhooks

    @Test("a webhook keeps every field, its secret included", arguments: StoreKind.available)
    func webhookRoundTrip(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.createAccount(Fixture.account())
            var webhook = Webhook(
                account: "acc_1", name: "crm-sync", url: "https://crm.example.com/webhooks/loyalty", enabled: false,
                disabledReason: "disabled by operator",
                events: [try EventPattern("customer.*"), try EventPattern("transaction.completed")],
                secret: .generate(), retry: RetrySchedule(delays: [.seconds(1), .minutes(2)]), timeout: .seconds(3),
                headers: ["X-Team": "sales"], description: "Keeps the CRM in sync", labels: ["team": "sales"],
                managed: true, createdAt: Fixture.now, updatedAt: Fixture.at(1))
            try await store.createWebhook(webhook)
            #expect(try await store.webhook(id: webhook.id) == webhook)
            #expect(try await store.webhook(id: "wh_missing") == nil)

            webhook.enabled = true
            webhook.disabledReason = nil
            webhook.secret = .generate()
            webhook.retry = RetrySchedule(delays: [])
            webhook.headers = [:]
            webhook.updatedAt = Fixture.at(2)
            var changed = webhook
            changed.createdAt = Fixture.at(3)
            try await store.updateWebhook(changed)
            #expect(try await store.webhook(id: webhook.id) == webhook, "the creation date stays")
        }
    }

    @Test("webhooks are listed by account then name, and found by name across accounts", arguments: StoreKind.available)
    func webhookListing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(
                store,
                webhooks: [
                    try Fixture.webhook("crm", account: "acc_2"), try Fixture.webhook("crm"),
                    try Fixture.webhook("billing"),
                ])
            #expect(
                try await store.webhooks(account: nil).map(\.qualifiedName) == [
                    "acc_1/billing", "acc_1/crm", "acc_2/crm",
                ])
            #expect(try await store.webhooks(account: "acc_1").map(\.name) == ["billing", "crm"])
            #expect(try await store.webhooks(account: "acc_3").isEmpty)
            #expect(try await store.webhooks(named: "crm").map(\.account) == ["acc_1", "acc_2"])
            #expect(try await store.webhooks(named: "nope").isEmpty)
        }
    }

    @Test("webhook errors: unknown account, taken name, missing webhook", arguments: StoreKind.available)
    func webhookErrors(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            await #expect(throws: HookdError.notFound(.account, "acc_1")) {
                try await store.createWebhook(try Fixture.webhook("crm"))
            }
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            await #expect(throws: HookdError.alreadyExists(.webhook, "acc_1/crm")) {
                try await store.createWebhook(try Fixture.webhook("crm"))
            }
            try await store.createAccount(Fixture.account("acc_2"))
            try await store.createWebhook(try Fixture.webhook("crm", account: "acc_2"))
            var renamed = try #require(try await store.webhooks(account: "acc_2").first)
            try await store.createWebhook(try Fixture.webhook("billing", account: "acc_2"))
            renamed.name = "billing"
            await #expect(throws: HookdError.alreadyExists(.webhook, "acc_2/billing")) {
                try await store.updateWebhook(renamed)
            }

            let missing = try Fixture.webhook("ghost")
            await #expect(throws: HookdError.notFound(.webhook, "acc_1/ghost")) {
                try await store.updateWebhook(missing)
            }
            await #expect(throws: HookdError.notFound(.webhook, missing.id)) {
                try await store.deleteWebhook(id: missing.id)
            }
        }
    }

    @Test("an account's plan limits how many webhooks it may have", arguments: StoreKind.available)
    func planLimit(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.createAccount(Fixture.account("acc_1", maxWebhooks: 2))
            let first = try Fixture.webhook("one")
            try await store.createWebhook(first)
            try await store.createWebhook(try Fixture.webhook("two"))
            await #expect(
                throws: HookdError(
                    .failedPrecondition, reason: "hookd.PlanLimitExceeded", "account acc_1 allows at most 2 webhooks")
            ) {
                try await store.createWebhook(try Fixture.webhook("three"))
            }
            // Updating an existing webhook is not a new one.
            var renamed = first
            renamed.name = "uno"
            try await store.updateWebhook(renamed)

            try await store.deleteWebhook(id: first.id)
            try await store.createWebhook(try Fixture.webhook("three"))
            #expect(try await store.webhooks(account: "acc_1").map(\.name) == ["three", "two"])
        }
    }
}
