import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// `spec.signature` in webhook manifests: validated offline at its positions, planned,
/// and exported so that an export plans as no change.
struct SignatureManifestTests {
    static func webhook(_ signature: String) -> String {
        """
        apiVersion: hookd/v1
        kind: Webhook
        metadata: { name: crm, account: acc_1 }
        spec:
          url: https://crm.example.com/hooks
          events: [customer.created]
        \(signature)
        """
    }

    @Test("a valid hmac-sha256 signature passes validate")
    func valid() {
        let manifest = Self.webhook(
            """
              signature:
                scheme: hmac-sha256
                header: X-Hub-Signature-256
                encoding: hex
                prefix: "sha256="
                standardHeaders: true
            """)
        #expect(ManifestValidationTests.validate([("catalog.yaml", ManifestValidationTests.catalog), ("w.yaml", manifest)]).isEmpty)
    }

    @Test("bad signature settings are reported at each field's position")
    func positions() {
        let manifest = Self.webhook(
            """
              signature:
                scheme: hmac-sha256
                encoding: base32
                prefix: "a,b"
                standardHeader: true
            """)
        #expect(
            ManifestValidationTests.validate([("catalog.yaml", ManifestValidationTests.catalog), ("w.yaml", manifest)]) == [
                "w.yaml:11:5: unknown field \"standardHeader\" in spec.signature (did you mean \"standardHeaders\"?)",
                "w.yaml:9:15: unknown encoding \"base32\"; use one of hex, base64",
                "w.yaml:10:13: may hold only visible ASCII characters other than ',' (which separates signatures)",
            ])
        let clash = Self.webhook(
            """
              headers: { X-Webhook-Signature: forged }
              signature: { scheme: hmac-sha256 }
            """)
        #expect(
            ManifestValidationTests.validate([("catalog.yaml", ManifestValidationTests.catalog), ("w.yaml", clash)]) == [
                "w.yaml:7:35: carries the webhook's signature (signature.header) and cannot be set"
            ])
        let standard = Self.webhook(
            """
              signature: { scheme: standard-webhooks, header: X-Sig }
            """)
        #expect(
            ManifestValidationTests.validate([("catalog.yaml", ManifestValidationTests.catalog), ("w.yaml", standard)]) == [
                "w.yaml:7:51: applies only to scheme hmac-sha256 (standard-webhooks always sends webhook-signature: v1,<base64>)"
            ])
    }

    @Test("diff shows a signature change; the update carries it; an export of it plans as no change")
    func planAndExport() throws {
        let live = PlannerTests.live()
        let manifests = PlannerTests.manifests.replacingOccurrences(
            of: "  ordering: fifo\n", with: "  ordering: fifo\n  signature: { scheme: hmac-sha256, prefix: \"sha256=\" }\n")
        let (plan, writes) = try PlannerTests.plan(manifests, live: live, prune: false)
        let change = try #require(plan.changes.first { $0.name == "crm" }?.fields.first { $0.field == "spec.signature" })
        #expect(change.old == .null)
        #expect(
            change.new
                == .object([
                    "scheme": "hmac-sha256", "header": "X-Webhook-Signature", "encoding": "hex", "prefix": "sha256=",
                    "standardHeaders": false,
                ]))
        #expect(PlanRenderer.render(plan).contains("    spec.signature:\n") && PlanRenderer.render(plan).contains("    + scheme: \"hmac-sha256\"\n"), "\(PlanRenderer.render(plan))")
        let updated = try #require(
            writes.compactMap { if case .updateWebhook(let webhook) = $0 { webhook } else { nil } }.first)
        #expect(updated.signature.scheme == .hmacSHA256 && updated.signature.prefix == "sha256=")

        let after = PlannerTests.exportedAsCode(live, with: updated)
        let text = try ManifestWriter.text(DesiredState(exporting: after))
        #expect(text.contains("signature:") && text.contains("scheme: hmac-sha256") && text.contains("prefix: sha256="), "\(text)")
        let again = try PlannerTests.plan(text, live: after, prune: true).plan
        #expect(again.isEmpty, "\(PlanRenderer.render(again))\n\(text)")
    }
}
