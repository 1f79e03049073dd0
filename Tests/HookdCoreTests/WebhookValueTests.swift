import Foundation
import HookdCore
import Testing

/// `Webhook` keeps its settings in one box that copies share; it must still behave as a
/// value: a change to one copy never shows in another, and equality compares settings.
struct WebhookValueTests {
    static let created = Date(timeIntervalSince1970: 1_800_000_000)

    static func webhook(id: String = "wh_01", url: String = "https://crm.example.com/hooks") throws -> Webhook {
        Webhook(
            id: id, account: "acc_12345", name: "crm", url: url, events: [try EventPattern("customer.*")],
            secret: try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), headers: ["x-team": "loyalty"],
            labels: ["tier": "gold"], createdAt: created)
    }

    @Test("a change to a copy, one field or several, leaves the original as it was")
    func copiesAreIndependent() throws {
        let original = try Self.webhook()
        var changed = original
        changed.url = "https://other.example.com/hooks"
        changed.enabled = false
        changed.disabledReason = "disabled by operator"
        changed.headers["x-extra"] = "1"
        changed.labels = [:]
        #expect(original.url == "https://crm.example.com/hooks")
        #expect(original.enabled && original.disabledReason == nil)
        #expect(original.headers == ["x-team": "loyalty"])
        #expect(original.labels == ["tier": "gold"])
        #expect(changed.url == "https://other.example.com/hooks")
        #expect(!changed.enabled && changed.disabledReason == "disabled by operator")
        #expect(changed.headers == ["x-team": "loyalty", "x-extra": "1"])
        #expect(changed.labels.isEmpty)
        // The methods that return a changed webhook leave theirs alone too.
        let disabled = original.disabled(reason: "gone", at: Self.created.addingTimeInterval(60))
        #expect(original.enabled && original.updatedAt == Self.created)
        #expect(!disabled.enabled && disabled.updatedAt == Self.created.addingTimeInterval(60))
    }

    @Test("equal when every setting is, however each was made; any one field makes them differ")
    func equality() throws {
        let one = try Self.webhook()
        let two = try Self.webhook()
        #expect(one == two)
        #expect(one == one)
        var renamed = one
        renamed.name = "ledger"
        #expect(renamed != one)
        renamed.name = "crm"
        #expect(renamed == one)
        #expect(try Self.webhook(id: "wh_02") != one)
        #expect(try Self.webhook(url: "https://crm.example.com/other") != one)
    }
}
