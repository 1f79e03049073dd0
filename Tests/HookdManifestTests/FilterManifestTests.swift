import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// `spec.filter` in webhook manifests: validated offline at its positions and against the
/// event types' schemas, planned, and exported so that an export plans as no change.
struct FilterManifestTests {
    static let catalog = """
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: acc_1 }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: transaction.completed }
        spec:
          schema:
            type: object
            additionalProperties: false
            properties:
              amount: { type: number }
              card: { type: object, additionalProperties: false, properties: { type: { type: string } } }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: push.sent }
        """

    static func webhook(events: String, filter: String) -> String {
        """
        apiVersion: hookd/v1
        kind: Webhook
        metadata: { name: engagement, account: acc_1 }
        spec:
          url: https://marketing.example.com/hooks
          events: \(events)
          filter:
        \(filter)
        """
    }

    @Test("the issue's filter passes validate against the event type's schema")
    func valid() {
        let manifest = Self.webhook(
            events: "[transaction.completed]",
            filter: """
                    all:
                      - { path: card.type, in: [apple, google] }
                      - { path: amount, gte: 100 }
                """)
        #expect(ManifestValidationTests.validate([("catalog.yaml", Self.catalog), ("w.yaml", manifest)]).isEmpty)
    }

    @Test("wrong filters are reported at their positions, paths the schema cannot hold too")
    func positions() {
        let manifest = Self.webhook(
            events: "[transaction.completed]",
            filter: """
                    all:
                      - { path: card.kind, in: [apple, google] }
                      - { path: amount, gte: 100, lt: 5 }
                      - { path: amount, greater: 100 }
                """)
        #expect(
            ManifestValidationTests.validate([("catalog.yaml", Self.catalog), ("w.yaml", manifest)]) == [
                "w.yaml:10:9: holds gte and lt; give one operator per condition (combine with all)",
                "w.yaml:11:34: unknown operator \"greater\"; use one of eq, ne, in, nin, gt, gte, lt, lte, exists, prefix",
            ])
        let schemaOnly = Self.webhook(
            events: "[transaction.completed]",
            filter: """
                    all:
                      - { path: card.kind, in: [apple, google] }
                      - { path: amount, gte: 100 }
                """)
        #expect(
            ManifestValidationTests.validate([("catalog.yaml", Self.catalog), ("w.yaml", schemaOnly)]) == [
                "w.yaml:9:17: \"card.kind\" cannot occur in the data schema of transaction.completed"
            ])
        // push.sent has no schema: the path may be anywhere in its data, so nothing is ruled out.
        let mixed = Self.webhook(
            events: "[transaction.completed, push.sent]",
            filter: "      { path: card.kind, exists: true }")
        #expect(ManifestValidationTests.validate([("catalog.yaml", Self.catalog), ("w.yaml", mixed)]).isEmpty)
    }

    @Test("diff shows a filter change; the update carries it; an export of it plans as no change")
    func planAndExport() throws {
        let live = PlannerTests.live()
        let manifests = PlannerTests.manifests.replacingOccurrences(
            of: "  ordering: fifo\n",
            with: "  ordering: fifo\n  filter: { any: [{ path: tier, in: [gold, platinum] }, { path: email, exists: false }] }\n")
        let (plan, writes) = try PlannerTests.plan(manifests, live: live, prune: false)
        let change = try #require(plan.changes.first { $0.name == "crm" }?.fields.first { $0.field == "spec.filter" })
        #expect(change.old == .null)
        #expect(change.new == ["any": [["path": "tier", "in": ["gold", "platinum"]], ["path": "email", "exists": false]]])
        #expect(PlanRenderer.render(plan).contains("    spec.filter:\n") && PlanRenderer.render(plan).contains("    + any:\n"), "\(PlanRenderer.render(plan))")
        let updated = try #require(
            writes.compactMap { if case .updateWebhook(let webhook) = $0 { webhook } else { nil } }.first)
        #expect(updated.filter?.matches(["tier": "gold", "email": "a@example.com"]) == true)
        #expect(updated.filter?.matches(["tier": "bronze", "email": "a@example.com"]) == false)

        let after = PlannerTests.exportedAsCode(live, with: updated)
        let text = try ManifestWriter.text(DesiredState(exporting: after))
        #expect(text.contains("filter:") && text.contains("path: tier"), "\(text)")
        let again = try PlannerTests.plan(text, live: after, prune: true).plan
        #expect(again.isEmpty, "\(PlanRenderer.render(again))\n\(text)")
    }
}
