import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `spec.signature` and `spec.filter` through the real daemon's manifest path: applied, in
/// force for deliveries, planned as no change again, changed, and exported.
@Suite("manifest signature and filter")
struct ManifestSignatureFilterTests {
    static let eventType = """
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: transaction.completed }
        spec:
          schema:
            type: object
            properties:
              amount: { type: number }
              card: { type: object, additionalProperties: false, properties: { type: { type: string } } }

        """

    @Test("apply sets the signature and the filter, deliveries follow them, diff and export agree")
    func applied() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                let workspace = try ManifestWorkspace(daemon)
                defer { workspace.cleanUp() }
                let extra = """
                    signature: { scheme: hmac-sha256, header: X-Hub-Signature-256, prefix: "sha256=" }
                    filter:
                      all:
                        - { path: card.type, in: [apple, google] }
                        - { path: amount, gte: 100 }
                    """
                try workspace.write(
                    "m.yaml",
                    Manifests.join(
                        Manifests.account("acc_1"), Self.eventType,
                        Manifests.webhook("engagement", url: receiver.url, events: ["transaction.completed"], extra: extra)))
                let path = workspace.directory.path
                try await workspace.expect(0, ["validate", "--allow-insecure-targets", "-f", path])
                let applied = try await workspace.expect(0, ["apply", "-f", path])
                #expect(applied.stdout.contains("Apply complete: 3 added"), "\(applied.stdout)")
                try await workspace.expect(0, ["diff", "-f", path])

                let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "engagement"), as: WebhookView.self)
                #expect(view.signature?.header == "X-Hub-Signature-256" && view.signature?.prefix == "sha256=")
                #expect(view.filter?["all"] != nil)

                let kept = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["amount": 50, "card": ["type": "apple"]], account: "acc_1")
                let sent = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["amount": 150, "card": ["type": "apple"]], account: "acc_1")
                #expect(kept.deliveries == 0 && sent.deliveries == 1)
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                let secret = try await BodySignatureInteropTests.printedSecret(daemon, "engagement")
                let verified = try await BodySignatureInteropTests.verify(
                    style: "github", secret: secret, signature: request.headers["x-hub-signature-256"], body: request.body)
                #expect(verified.exitCode == 0, "\(verified)")

                // A changed filter shows in diff; export writes both back so that diff sees no change.
                try workspace.write(
                    "m.yaml",
                    Manifests.join(
                        Manifests.account("acc_1"), Self.eventType,
                        Manifests.webhook(
                            "engagement", url: receiver.url, events: ["transaction.completed"],
                            extra: extra.replacingOccurrences(of: "gte: 100", with: "gte: 200"))))
                let diff = try await workspace.expect(2, ["diff", "-f", path])
                #expect(diff.stdout.contains("spec.filter:"), "\(diff.stdout)")
                #expect(!diff.stdout.contains("spec.signature"), "\(diff.stdout)")

                try workspace.remove("m.yaml")
                try await workspace.expect(0, ["export", "--to", path])
                try await workspace.expect(0, ["diff", "-f", path])
                let exported = try FileManager.default.subpathsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".yaml") }
                    .map { try String(contentsOfFile: path + "/" + $0, encoding: .utf8) }.joined()
                #expect(exported.contains("scheme: hmac-sha256") && exported.contains("path: card.type"), "\(exported)")
            }
        }
    }
}
