import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// `examples/loyalty` declares the loyalty platform's own catalog, name for name, and its
/// published example payloads pass the catalog's schemas unchanged.
struct LoyaltyCatalogTests {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The platform's 19 event types in its 7 groups, with its own descriptions.
    static let catalog: KeyValuePairs<String, String> = [
        "customer.created": "New customer registers or is added",
        "customer.updated": "Customer profile information changes",
        "customer.deleted": "Customer is removed from system",
        "card.installed": "Customer adds card to digital wallet",
        "card.updated": "Card information or design changes",
        "card.deleted": "Customer removes card from wallet",
        "transaction.created": "Points, stamps, or cashback added",
        "transaction.completed": "Transaction finalized and confirmed",
        "transaction.reversed": "Transaction cancelled or points deducted",
        "reward.issued": "Customer earns a reward",
        "reward.redeemed": "Customer uses/claims a reward",
        "reward.expired": "Unclaimed reward expires",
        "push.sent": "Push notification delivered to customer",
        "push.opened": "Customer opens push notification",
        "push.failed": "Push notification delivery failed",
        "feedback.received": "Customer submits feedback or rating",
        "feedback.updated": "Feedback is modified",
        "referral.created": "New referral initiated",
        "referral.completed": "Referral successfully converts",
    ]

    /// The example manifest set, read as `hookctl validate -f examples/loyalty` reads it.
    static func example() throws -> ManifestSet {
        ManifestSet(try ManifestSources.load([root.appendingPathComponent("examples/loyalty").path]))
    }

    @Test("examples/loyalty declares exactly the platform's 19 event types, with its descriptions, each with a schema and an example")
    func catalogNameForName() throws {
        let set = try Self.example()
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.description))")
        let declared = set.declaredState.eventTypes
        #expect(declared.map(\.name).sorted() == Self.catalog.map(\.key).sorted())
        #expect(Set(declared.map { $0.name.split(separator: ".")[0] }).count == 7)
        for (name, description) in Self.catalog {
            let type = try #require(declared.first { $0.name == name }, "\(name) is missing")
            #expect(type.description == description, "\(name)")
            #expect(type.schema != nil && type.example != nil, "\(name) needs a schema and an example")
        }
        let context = ValidationContext(policy: TargetPolicy(allowInsecureTargets: false), eventTypeProblems: EventTypeRules.problems)
        let (_, problems) = DesiredStateValidator.validate(set.declaredState, in: context)
        #expect(problems.isEmpty, "\(problems.map(set.diagnostic(for:)).map(\.description))")
    }

    @Test("the platform's published example payloads validate unchanged against the example's schemas")
    func publishedPayloadsValidate() throws {
        let payloads = try Self.publishedPayloads()
        #expect(Set(payloads.compactMap { $0["event_type"]?.stringValue })
            == ["customer.created", "transaction.completed", "reward.issued"])
        let declared = try Self.example().declaredState.eventTypes
        for payload in payloads {
            let name = try #require(payload["event_type"]?.stringValue)
            let schema = try JSONSchema(try #require(declared.first { $0.name == name }?.schema, "\(name)"))
            let data = try #require(payload["data"])
            #expect(schema.validate(data).isEmpty, "\(name): \(schema.validate(data))")
            #expect(declared.first { $0.name == name }?.example == data, "\(name)'s example is the published data")
        }
    }

    @Test("the webhooks are the platform's example webhooks and use cases")
    func webhooksAreTheUseCases() throws {
        let webhooks = try Self.example().declaredState.webhooks
        let subscriptions = Dictionary(uniqueKeysWithValues: webhooks.map { ($0.name, Set($0.events)) })
        #expect(subscriptions == [
            "crm-sync": ["customer.created", "customer.updated", "transaction.completed"],
            "accounting": ["transaction.completed"],
            "analytics": ["*"],
            "reward-fulfilment": ["reward.issued", "reward.redeemed"],
            "engagement": ["transaction.completed", "reward.issued", "feedback.received"],
        ])
        // The engagement receiver verifies the guide's hmacSHA256(payload, secret) header.
        #expect(webhooks.first { $0.name == "engagement" }?.signature == WebhookSignatureSettings(scheme: "hmac-sha256"))
    }

    /// The payloads the platform's webhook guide shows, copied unchanged into the fixture.
    static func publishedPayloads() throws -> [JSONValue] {
        let url = root.appendingPathComponent("Tests/Fixtures/seed/payloads.json")
        let value = try #require(JSONValueReader.read(Array(try Data(contentsOf: url))))
        guard case .array(let payloads) = value else { throw FixtureError(description: "\(url.path): not an array") }
        return payloads
    }
}

/// A fixture file that does not hold what the test expects.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
