import Foundation
import Testing

@testable import HookdCore

/// Whole webhooks from create and update settings: defaults, every problem at once, and
/// what an update keeps.
struct WebhookFieldsWebhookTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static func fields() -> WebhookFields {
        WebhookFields(
            policy: TargetPolicy(allowInsecureTargets: false), knownEventTypes: ["customer.created", "reward.issued"],
            plan: AccountPlan(), eventSchemas: ["reward.issued": ["type": "object", "properties": ["points": ["type": "integer"]]]])
    }

    @Test("a create with only a URL and events gets every default, enabled, stamped now")
    func createDefaults() throws {
        var fields = Self.fields()
        let webhook = try fields.newWebhook(
            account: "acc_1", name: "crm-sync", enabled: nil,
            WebhookSettingsInput(url: "https://crm.example.com/hooks", events: ["customer.*"]), at: Self.now)
        #expect(webhook.enabled && webhook.disabledReason == nil)
        #expect(webhook.retry == .standard && webhook.timeout == Webhook.defaultTimeout)
        #expect(webhook.ordering == .unordered && webhook.rateLimit == nil && webhook.filter == nil)
        #expect(webhook.signature == .standardWebhooks && webhook.headers.isEmpty && webhook.labels.isEmpty)
        #expect(webhook.createdAt == Self.now && webhook.account == "acc_1")
        let disabled = try fields.newWebhook(
            account: "acc_1", name: "audit", enabled: false,
            WebhookSettingsInput(url: "https://audit.example.com/in", events: ["*"]), at: Self.now)
        #expect(!disabled.enabled && disabled.disabledReason == "created disabled")
    }

    @Test("a create names every wrong field at once")
    func createProblems() {
        var fields = Self.fields()
        do {
            _ = try fields.newWebhook(
                account: "acc_1", name: "", enabled: nil,
                WebhookSettingsInput(
                    url: "http://crm.example.com/hooks", events: ["customer.creatd"], retry: ["soon"], timeout: "1h",
                    ordering: "random"),
                at: Self.now)
            Issue.record("a create with wrong fields was accepted")
        } catch {
            let fields = Set(error.violations.map(\.field))
            #expect(fields == ["name", "url", "events[0]", "retry[0]", "timeout", "ordering"], "\(error.violations)")
        }
    }

    @Test("an update replaces what it gives, keeps the rest, clears the description with an empty one")
    func updateKeeps() throws {
        var fields = Self.fields()
        let webhook = try fields.newWebhook(
            account: "acc_1", name: "crm-sync", enabled: nil,
            WebhookSettingsInput(
                url: "https://crm.example.com/hooks", events: ["reward.issued"], filter: ["path": "points", "gte": 10],
                labels: ["team": "sales"], description: "CRM"),
            at: Self.now)
        let later = Self.now.addingTimeInterval(60)
        let updated = try fields.updated(webhook, with: WebhookSettingsInput(timeout: "5s", description: ""), at: later)
        #expect(updated.timeout == .seconds(5) && updated.description == nil && updated.updatedAt == later)
        #expect(updated.url == webhook.url && updated.filter == webhook.filter && updated.labels == ["team": "sales"])
    }

    @Test("new subscriptions must still hold the kept filter's paths")
    func updateRechecksFilter() throws {
        var fields = Self.fields()
        let webhook = try fields.newWebhook(
            account: "acc_1", name: "points", enabled: nil,
            WebhookSettingsInput(
                url: "https://points.example.com/in", events: ["reward.issued"], filter: ["path": "points", "gte": 10]),
            at: Self.now)
        var schemaOnly = WebhookFields(
            policy: TargetPolicy(allowInsecureTargets: false), knownEventTypes: ["customer.created", "reward.issued"],
            plan: AccountPlan(),
            eventSchemas: [
                "reward.issued": ["type": "object", "properties": ["points": ["type": "integer"]]],
                "customer.created": ["type": "object", "properties": ["email": ["type": "string"]], "additionalProperties": false],
            ])
        #expect(throws: HookdError.self) {
            _ = try schemaOnly.updated(webhook, with: WebhookSettingsInput(events: ["customer.created"]), at: Self.now)
        }
    }
}
