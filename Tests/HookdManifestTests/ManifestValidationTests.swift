import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// `hookctl validate`'s checks: every problem at once, each at its exact position.
struct ManifestValidationTests {
    static let directory = URL(fileURLWithPath: NSTemporaryDirectory())

    /// What `validate` prints for these files.
    static func validate(_ files: [(String, String)], allowInsecure: Bool = false) -> [String] {
        let set = ManifestSet(files.map { ManifestSource(file: $0.0, directory: directory, text: $0.1) })
        let context = ValidationContext(policy: TargetPolicy(allowInsecureTargets: allowInsecure), eventTypeProblems: EventTypeRules.problems)
        let (_, problems) = DesiredStateValidator.validate(set.declaredState, in: context)
        return (set.diagnostics + problems.map(set.diagnostic(for:))).map(\.description)
    }

    static let catalog = """
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: acc_1 }
        spec:
          plan: { maxWebhooks: 1, eventTypes: [customer.*] }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: customer.created }
        spec: { description: A customer registered }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: reward.issued }
        """

    @Test("a valid set has no diagnostics")
    func validSet() {
        let webhook = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1, labels: { team: sales } }
            spec:
              url: https://crm.example.com/hooks
              events: [customer.created, customer.*]
              secret: { fromEnv: CRM_SECRET }
              timeout: 10s
              retry: { schedule: [1m, 5m] }
              rateLimit: { perSecond: 50 }
              headers: { X-Team: sales }
            """
        #expect(Self.validate([("catalog.yaml", Self.catalog), ("webhook.yaml", webhook)]).isEmpty)
    }

    @Test("field problems: unknown fields with did-you-mean, wrong types, durations, URLs, unknown types, plan")
    func fieldProblems() {
        let webhooks = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1 }
            spec:
              urll: https://crm.example.com/hooks
              url: https://10.0.0.5/hooks
              enabled: "yes"
              events: [customer.created, customer.deleted, reward.issued]
              timeout: 10 seconds
              retry: { schedule: [1m, soon] }
            ---
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: analytics, account: acc_1 }
            spec:
              url: https://analytics.example.com/ingest
              events: [customer.created]
              secret: whsec_AAAA
            ---
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: extra, account: acc_2 }
            spec:
              url: https://[::1]/x
              events: [customer.created]
            """
        let lines = Self.validate([("catalog.yaml", Self.catalog), ("webhooks.yaml", webhooks)])
        #expect(
            lines == [
                #"webhooks.yaml:5:3: unknown field "urll" in spec (did you mean "url"?)"#,
                #"webhooks.yaml:7:12: spec.enabled must be true or false, got string"#,
                #"webhooks.yaml:18:11: spec.secret must not hold the secret itself (keep secrets out of git); use { fromEnv: NAME } or { fromFile: PATH }"#,
                #"webhooks.yaml:6:8: \#(Self.forbidden("10.0.0.5", "private (RFC 1918)"))"#,
                #"webhooks.yaml:8:30: unknown event type "customer.deleted"; add it to the catalog first (an EventType manifest, or hookctl event-types create customer.deleted)"#,
                #"webhooks.yaml:8:48: the account's plan does not allow "reward.issued""#,
                #"webhooks.yaml:10:27: invalid duration "soon": use a number with a unit, e.g. 500ms, 30s, 5m, 1h30m, 2d"#,
                #"webhooks.yaml:9:12: invalid duration "10 seconds": use a number with a unit, e.g. 500ms, 30s, 5m, 1h30m, 2d"#,
                #"webhooks.yaml:22:35: unknown account "acc_2" (did you mean "acc_1"?)"#,
                #"webhooks.yaml:24:8: \#(Self.forbidden("::1", "loopback"))"#,
                #"webhooks.yaml:14:39: account acc_1 allows at most 1 webhook (plan.maxWebhooks); this would make 2"#,
            ], "\(lines.joined(separator: "\n"))")
    }

    @Test("a description with a terminal escape is refused at its position; one of several lines is kept")
    func descriptionText() {
        let files = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.updated }
            spec: { description: "Red \\e[31malert" }
            ---
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1 }
            spec:
              url: https://crm.example.com/hooks
              events: [customer.created]
              description: "The CRM \\u202Eevil"
            ---
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.deleted }
            spec:
              description: |
                A customer left.
                Their data is erased.
            """
        let lines = Self.validate([("catalog.yaml", Self.catalog), ("more.yaml", files)])
        #expect(
            lines == [
                "more.yaml:4:22: must not contain control or text-direction characters (found U+001B)",
                "more.yaml:12:16: must not contain control or text-direction characters (found U+202E)",
            ], "\(lines.joined(separator: "\n"))")
    }

    @Test("a misspelt event type suggests the closest one in the catalog, not creating the typo")
    func eventTypeTypo() {
        let webhook = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1 }
            spec:
              url: https://crm.example.com/hooks
              events: [customer.craeted]
            """
        #expect(
            Self.validate([("catalog.yaml", Self.catalog), ("webhook.yaml", webhook)]) == [
                #"webhook.yaml:6:12: unknown event type "customer.craeted" (did you mean "customer.created"?)"#
            ])
    }

    static func forbidden(_ host: String, _ kind: String) -> String {
        "\(host) is a \(kind) address, which webhooks may not target "
            + "(start hookd with --allow-target for internal ranges, --allow-insecure-targets for development)"
    }

    @Test("envelope problems: YAML syntax, unknown kinds, duplicates, reserved names, missing fields")
    func envelopeProblems() {
        let broken = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1
            """
        let mixed = """
            apiVersion: hookd/v1
            kind: Acount
            metadata: { name: acc_9 }
            ---
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.created }
            ---
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: hookd.webhook.disabled }
            ---
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: nospec, account: acc_1 }
            """
        let lines = Self.validate([("broken.yaml", broken), ("catalog.yaml", Self.catalog), ("mixed.yaml", mixed)])
        #expect(lines.count == 5, "\(lines.joined(separator: "\n"))")
        #expect(lines.first?.hasPrefix("broken.yaml:4:1: YAML syntax error:") == true, "\(lines)")
        #expect(lines.contains(#"mixed.yaml:2:7: unknown kind "Acount" (did you mean "Account"?)"#), "\(lines)")
        #expect(
            lines.contains("mixed.yaml:7:19: duplicate EventType customer.created; first declared at catalog.yaml:7:1"),
            "\(lines)")
        #expect(lines.contains("mixed.yaml:13:1: spec is required"), "\(lines)")
        #expect(
            lines.contains(#"mixed.yaml:11:19: "hookd.*" event types are hookd's own and cannot be declared"#), "\(lines)")
    }

    @Test("offline, a set without accounts or event types warns instead of failing")
    func partialSetWarns() {
        let webhook = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm, account: acc_1 }
            spec: { url: "https://crm.example.com/hooks", events: [customer.created] }
            """
        let lines = Self.validate([("webhook.yaml", webhook)])
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains(": warning: ") }, "\(lines)")
    }

    @Test("validate -o json gives terraform-shaped diagnostics")
    func jsonDiagnostics() throws {
        let set = ManifestSet([
            ManifestSource(file: "a.yaml", directory: Self.directory, text: "apiVersion: hookd/v1\nkind: Nope\nmetadata: { name: x }\n")
        ])
        let report = DiagnosticsReport(set.diagnostics)
        #expect(!report.valid && report.errorCount == 1)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.severity == "error")
        #expect(diagnostic.range.filename == "a.yaml")
        #expect(diagnostic.range.start.line == 2 && diagnostic.range.start.column == 7)
        #expect(diagnostic.detail.hasPrefix("unknown kind \"Nope\""))
        #expect(diagnostic.summary.hasPrefix("Unknown kind"))
    }
}
