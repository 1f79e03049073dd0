import Foundation
import HookdCore

@testable import HookdStore

/// Values for store tests. Dates are whole milliseconds, the precision the store keeps, so
/// what is read back compares equal to what was written.
enum Fixture {
    /// A fixed instant to publish at.
    static let now = Date(storedMilliseconds: 1_780_000_000_123)

    /// `now` moved by `seconds`.
    static func at(_ seconds: Double) -> Date {
        Date(storedMilliseconds: now.storedMilliseconds + Int64(seconds * 1000))
    }

    static func account(_ name: String = "acc_1", maxWebhooks: Int? = nil) -> Account {
        Account(name: name, plan: AccountPlan(maxWebhooks: maxWebhooks), createdAt: now)
    }

    static func eventType(_ name: String) -> EventType {
        EventType(name: name, description: "\(name) happened", createdAt: now)
    }

    static func webhook(
        _ name: String, account: String = "acc_1", events: [String] = ["*"], enabled: Bool = true
    ) throws -> Webhook {
        Webhook(
            account: account, name: name, url: "https://\(name).example.com/hooks", enabled: enabled,
            disabledReason: enabled ? nil : "disabled by operator",
            events: try events.map { try EventPattern($0) }, secret: .generate(), createdAt: now)
    }

    static func event(
        _ id: String, account: String = "acc_1", type: String = "customer.created",
        data: JSONValue = ["customer_id": "cust_67890", "points": 50]
    ) -> Event {
        Event(id: id, account: account, type: type, timestamp: now, data: data)
    }

    /// The account `acc_1`, the accounts the webhooks name, and the webhooks.
    static func seed(_ store: any Store, webhooks: [Webhook]) async throws {
        for account in Set(webhooks.map(\.account)).union(["acc_1"]).sorted() {
            try await store.createAccount(Self.account(account))
        }
        for webhook in webhooks {
            try await store.createWebhook(webhook)
        }
    }
}
