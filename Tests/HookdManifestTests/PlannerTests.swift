import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// The plan: golden outputs for creates, updates, drift and prune, and the writes behind it.
struct PlannerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let secretA = try! WebhookSecret("whsec_" + Data(repeating: 1, count: 32).base64EncodedString())
    static let secretB = try! WebhookSecret("whsec_" + Data(repeating: 2, count: 32).base64EncodedString())

    /// The live state every test starts from: one managed account, two event types, one
    /// managed webhook disabled by an operator, one managed and one hand-made webhook.
    /// `live` with `updated` in place of the webhook of the same id, every webhook managed:
    /// the state once exported as code (a hand-made webhook is adopted first).
    static func exportedAsCode(_ live: ConfigurationSnapshot, with updated: Webhook) -> ConfigurationSnapshot {
        var after = live
        after.webhooks = after.webhooks.map { webhook in
            var managed = webhook.id == updated.id ? updated : webhook
            managed.managed = true
            return managed
        }
        return after
    }

    static func live() -> ConfigurationSnapshot {
        let crm = Webhook(
            id: "wh_crm", account: "acc_1", name: "crm", url: "https://crm.example.com/hooks", enabled: false,
            disabledReason: "disabled by operator: endpoint migration",
            events: [try! EventPattern("customer.created"), try! EventPattern("customer.updated")], secret: secretA,
            retry: RetrySchedule(delays: [.minutes(1)]), labels: ["team": "sales"], managed: true, createdAt: now)
        let old = Webhook(
            id: "wh_old", account: "acc_1", name: "old", url: "https://old.example.com/hooks",
            events: [.all], secret: secretA, managed: true, createdAt: now)
        let manual = Webhook(
            id: "wh_manual", account: "acc_1", name: "manual", url: "https://manual.example.com/hooks",
            events: [.all], secret: secretA, managed: false, createdAt: now)
        return ConfigurationSnapshot(
            stateRevision: 7,
            accounts: [Account(name: "acc_1", plan: AccountPlan(maxWebhooks: 5), managed: true, createdAt: now)],
            eventTypes: [
                EventType(name: "customer.created", managed: true, createdAt: now),
                EventType(name: "customer.updated", managed: true, createdAt: now),
                EventType(name: "hookd.webhook.disabled", createdAt: now),
            ],
            webhooks: [crm, manual, old])
    }

    static let manifests = """
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: acc_1 }
        spec: { plan: { maxWebhooks: 5 } }
        ---
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: acc_2 }
        spec: { plan: { maxWebhooks: 3, eventTypes: [customer.*] } }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: customer.created }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: customer.updated }
        spec: { description: A customer changed }
        ---
        apiVersion: hookd/v1
        kind: Webhook
        metadata: { name: crm, account: acc_1, labels: { team: sales } }
        spec:
          url: https://crm.example.com/v2/hooks
          events: [customer.updated, customer.created, customer.*]
          retry: { schedule: [1m] }
          ordering: fifo
        ---
        apiVersion: hookd/v1
        kind: Webhook
        metadata: { name: fresh, account: acc_2 }
        spec:
          url: https://fresh.example.com/hooks
          events: [customer.created]
          timeout: 5s
        """

    static func plan(
        _ text: String = manifests, secrets: [String: WebhookSecret] = [:], live: ConfigurationSnapshot = live(),
        prune: Bool
    ) throws -> (plan: ConfigurationPlan, writes: [ConfigurationWrite]) {
        let set = ManifestSet([ManifestSource(file: "m.yaml", directory: URL(fileURLWithPath: "/"), text: text)])
        try #require(set.diagnostics.isEmpty, "\(set.diagnostics)")
        var desired = set.declaredState
        for index in desired.webhooks.indices {
            desired.webhooks[index].secret = secrets[desired.webhooks[index].name]?.text
        }
        let context = ValidationContext(
            policy: TargetPolicy(allowInsecureTargets: false), live: live, prune: prune, eventTypeProblems: EventTypeRules.problems)
        let (validated, problems) = DesiredStateValidator.validate(desired, in: context, now: now)
        try #require(problems.isEmpty, "\(problems)")
        return ConfigurationPlanner.plan(validated, against: live, prune: prune, now: now)
    }

    @Test("golden plan: creates list every field, updates old → new, lists by items, drift with its reason")
    func goldenPlan() throws {
        let (plan, _) = try Self.plan(prune: false)
        #expect(
            PlanRenderer.render(plan) == """
                + Account acc_2
                    spec.plan.maxWebhooks: 3
                    spec.plan.eventTypes: + customer.*
                + Webhook acc_2/fresh
                    spec.url: "https://fresh.example.com/hooks"
                    spec.enabled: true
                    spec.events: + customer.created
                    spec.timeout: "5s"
                    spec.retry.schedule: ["1m","5m","30m"]
                    spec.ordering: "unordered"
                    spec.secret: "(generated by hookd)"
                ~ EventType customer.updated
                    spec.description: (none) → "A customer changed"
                ~ Webhook acc_1/crm
                    ! drift: disabled outside the manifests (disabled by operator: endpoint migration)
                    spec.url: "https://crm.example.com/hooks" → "https://crm.example.com/v2/hooks"
                    spec.enabled: false → true
                    spec.events: + customer.*
                    spec.ordering: "unordered" → "fifo"

                Plan: 2 to add, 2 to change, 0 to delete.

                """)
        #expect(plan.stateRevision == 7)
        #expect(plan.digest.hasPrefix("sha256:"))
    }

    @Test("prune deletes only managed resources the manifests do not name, never hand-made ones or hookd's own")
    func prune() throws {
        let (plan, writes) = try Self.plan(prune: true)
        let deletes = plan.changes.filter { $0.action == .delete }.map(\.key.description)
        #expect(deletes == ["Webhook acc_1/old"])
        #expect(PlanRenderer.render(plan).hasSuffix("- Webhook acc_1/old\n\nPlan: 2 to add, 2 to change, 1 to delete.\n"))
        // The delete runs first so a create cannot hit the plan's webhook limit on its way.
        #expect(writes.first.map { if case .deleteWebhook(let webhook) = $0 { webhook.id == "wh_old" } else { false } } == true)
    }

    @Test("the secret shows as (sensitive) and changes only when its fingerprint does")
    func secretChanges() throws {
        func crmFields(_ plan: ConfigurationPlan) -> [FieldChange] {
            plan.changes.first { $0.name == "crm" }?.fields ?? []
        }
        let same = try Self.plan(secrets: ["crm": Self.secretA], prune: false).plan
        #expect(!crmFields(same).contains { $0.field == "spec.secret" })
        let (changed, writes) = try Self.plan(secrets: ["crm": Self.secretB], prune: false)
        let field = try #require(crmFields(changed).first { $0.field == "spec.secret" })
        #expect(field.sensitive == true && field.old == nil && field.new == nil)
        let rendered = PlanRenderer.render(changed)
        #expect(rendered.contains("spec.secret: (sensitive)"))
        #expect(!rendered.contains(Self.secretB.text) && !rendered.contains(Self.secretA.text))
        let json = String(decoding: try JSONCoding.canonicalEncoder.encode(changed), as: UTF8.self)
        #expect(!json.contains("whsec_"))
        let update = writes.compactMap { if case .updateWebhook(let webhook) = $0 { webhook } else { nil } }.first
        #expect(update?.secret == Self.secretB && update?.id == "wh_crm")
    }

    @Test("reordering a list is no change; applying the plan's result plans nothing")
    func idempotent() throws {
        let (_, writes) = try Self.plan(prune: true)
        var live = Self.live()
        for write in writes {
            switch write {
            case .createAccount(let account): live.accounts.append(account)
            case .updateAccount(let account): live.accounts = live.accounts.map { $0.name == account.name ? account : $0 }
            case .createEventType(let type): live.eventTypes.append(type)
            case .updateEventType(let type): live.eventTypes = live.eventTypes.map { $0.name == type.name ? type : $0 }
            case .createWebhook(let webhook): live.webhooks.append(webhook)
            case .updateWebhook(let webhook): live.webhooks = live.webhooks.map { $0.id == webhook.id ? webhook : $0 }
            case .deleteWebhook(let webhook): live.webhooks.removeAll { $0.id == webhook.id }
            case .deleteAccount(let name): live.accounts.removeAll { $0.name == name }
            case .deleteEventType(let name): live.eventTypes.removeAll { $0.name == name }
            }
        }
        let reordered = Self.manifests.replacingOccurrences(
            of: "[customer.updated, customer.created, customer.*]", with: "[customer.*, customer.created, customer.updated]")
        let again = try Self.plan(reordered, live: live, prune: true).plan
        #expect(again.isEmpty, "\(PlanRenderer.render(again))")
        #expect(PlanRenderer.render(again) == "No changes. The live state matches the manifests.\n")
        // Created resources are managed; the hand-made webhook no manifest names stays unmanaged.
        #expect(live.accounts.first { $0.name == "acc_2" }?.managed == true)
        #expect(live.webhooks.first { $0.name == "manual" }?.managed == false)
    }

    @Test("export writes manifests that plan no field change; only the hand-made webhook is marked for adoption")
    func exportRoundTrip() throws {
        let live = Self.live()
        let text = try ManifestWriter.text(DesiredState(exporting: live))
        #expect(!text.contains("whsec_"))
        #expect(!text.contains("hookd.webhook.disabled"))
        let plan = try Self.plan(text, live: live, prune: true).plan
        #expect(
            PlanRenderer.render(plan) == """
                ~ Webhook acc_1/manual (made by hand: apply takes it over)

                Plan: 0 to add, 1 to change, 0 to delete.

                """, "\(text)")
    }

    @Test("a changed JSON Schema shows as an indented YAML diff of only what changed, not one long line")
    func structuredDiff() throws {
        var live = Self.live()
        let long = JSONValue.string(String(repeating: "long ", count: 40))
        let schema: JSONValue = [
            "type": "object", "required": ["id", "amount"],
            "properties": ["id": ["type": "string", "description": long], "amount": ["type": "number", "minimum": 0]],
        ]
        live.eventTypes = live.eventTypes.map { type in
            var type = type
            if type.name == "customer.updated" { type.schema = schema }
            return type
        }
        let manifests = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.updated }
            spec:
              schema:
                type: object
                required: [id, amount, currency]
                properties:
                  id: { type: string, description: "\(String(repeating: "long ", count: 40))" }
                  amount: { type: number, minimum: 1 }
                  currency: { type: string, enum: [EUR, "no"] }
            """
        let plan = try Self.plan(manifests, live: live, prune: false).plan
        #expect(
            PlanRenderer.render(plan) == """
                ~ EventType customer.updated
                    spec.schema:
                      properties:
                        amount:
                    -     minimum: 0
                    +     minimum: 1
                    +   currency:
                    +     enum:
                    +       - "EUR"
                    +       - "no"
                    +     type: "string"
                      required:
                    +   - "currency"

                Plan: 0 to add, 1 to change, 0 to delete.

                """)
        // A schema given where there was none is shown whole, every line added.
        let added = try Self.plan(manifests, prune: false).plan
        #expect(
            PlanRenderer.render(added).hasPrefix("""
                ~ EventType customer.updated
                    spec.schema:
                    + properties:
                    +   amount:
                    +     minimum: 1
                """), "\(PlanRenderer.render(added))")
        // A created schema is written whole, indented, once it is too long for one line.
        let created = try Self.plan(manifests.replacingOccurrences(of: "customer.updated", with: "customer.deleted"), prune: false)
        let text = PlanRenderer.render(created.plan)
        #expect(text.contains("    spec.schema:\n      properties:\n        amount:\n          minimum: 1\n"), "\(text)")
        #expect(text.split(separator: "\n").allSatisfy { $0.count < 260 }, "\(text)")
    }

    @Test("a hand-made resource the manifests declare is marked for adoption, and the writes make it managed")
    func adoption() throws {
        let manifests = """
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: manual, account: acc_1 }
            spec: { url: https://manual.example.com/v2, events: ["*"] }
            """
        let (plan, writes) = try Self.plan(manifests, prune: false)
        #expect(plan.adoptions == [ResourceKey(kind: .webhook, account: "acc_1", name: "manual")])
        #expect(
            PlanRenderer.render(plan).hasPrefix("""
                ~ Webhook acc_1/manual (made by hand: apply takes it over)
                    spec.url: "https://manual.example.com/hooks" → "https://manual.example.com/v2"
                """), "\(PlanRenderer.render(plan))")
        let update = writes.compactMap { if case .updateWebhook(let webhook) = $0 { webhook } else { nil } }.first
        #expect(update?.managed == true && update?.id == "wh_manual" && update?.secret == Self.secretA)
        // Managed resources are not adopted again, and unchanged ones plan nothing.
        let adopted = try #require(update)
        var live = Self.live()
        live.webhooks = live.webhooks.map { $0.id == adopted.id ? adopted : $0 }
        #expect(try Self.plan(manifests, live: live, prune: false).plan.isEmpty)
    }

    @Test("a saved plan keeps no secret and refuses a secret that changed since")
    func savedPlan() throws {
        let (plan, _) = try Self.plan(secrets: ["crm": Self.secretB], prune: false)
        let desired = DesiredState(
            webhooks: [WebhookSpec(account: "acc_1", name: "crm", url: "https://x.example.com", events: ["*"], secret: Self.secretB.text)])
        let key = desired.webhooks[0].key
        let saved = try SavedPlan(plan: plan, desired: desired, sources: [key: .environment("CRM_SECRET")])
        let json = String(decoding: try JSONCoding.prettyEncoder.encode(saved), as: UTF8.self)
        #expect(!json.contains("whsec_"))
        #expect(json.contains("CRM_SECRET") && json.contains(Self.secretB.fingerprint))
        let restored = try saved.resolvedDesiredState(environment: ["CRM_SECRET": Self.secretB.text])
        #expect(restored == desired)
        #expect(throws: SecretResolutionError.self) {
            try saved.resolvedDesiredState(environment: ["CRM_SECRET": Self.secretA.text])
        }
        #expect(throws: SecretResolutionError.self) { try saved.resolvedDesiredState(environment: [:]) }
    }
}
