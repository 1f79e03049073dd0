import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Deliveries must verify with the official `standardwebhooks` package (installed by
/// scripts/test from PyPI), not only with hookd's own verifier.
@Suite("Standard Webhooks interop")
struct StandardWebhooksInteropTests {
    static let verifier = """
        import json, sys
        from standardwebhooks.webhooks import Webhook
        secret, headers_path, body_path = sys.argv[1], sys.argv[2], sys.argv[3]
        headers = json.load(open(headers_path))
        body = open(body_path, "rb").read()
        payload = Webhook(secret).verify(body, headers)
        print(json.dumps(payload, sort_keys=True))
        """

    /// Runs the official verifier on a received request; returns its result.
    static func verify(_ request: ReceivedRequest, secret: String, body: Data? = nil) async throws -> CommandResult {
        let scratch = try TemporaryDirectory(prefix: "hookd-interop")
        defer { scratch.remove() }
        let headers = ["webhook-id", "webhook-timestamp", "webhook-signature"].reduce(into: [String: String]()) {
            $0[$1] = request.headers[$1]
        }
        try JSONSerialization.data(withJSONObject: headers).write(to: URL(fileURLWithPath: scratch.path + "/headers.json"))
        try (body ?? request.body).write(to: URL(fileURLWithPath: scratch.path + "/body.json"))
        try Data(verifier.utf8).write(to: URL(fileURLWithPath: scratch.path + "/verify.py"))
        return try await runCommand(
            "/usr/bin/env",
            ["python3", scratch.path + "/verify.py", secret, scratch.path + "/headers.json", scratch.path + "/body.json"])
    }

    @Test("during a rotation's grace both the old and the new secret verify with the official library")
    func rotationVerifiesWithBoth() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                let (_, old) = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
                let rotation = try await runHookctl(
                    ["webhooks", "rotate-secret", "crm", "--grace", "1h"], socket: daemon.socketPath)
                #expect(rotation.exitCode == 0, "\(rotation)")
                #expect(rotation.stdout.contains("The old secret also signs until"))
                #expect(!rotation.stdout.contains(old.text))
                let new = try await client.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
                #expect(new.secret != old.text)
                let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "crm"), as: WebhookView.self)
                #expect(view.previousSecretFingerprint == old.fingerprint)

                _ = try await Loyalty.publish(client, type: "reward.issued")
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                #expect(request.headers["webhook-signature"]?.split(separator: " ").count == 2)
                for secret in [old.text, new.secret] {
                    let result = try await Self.verify(request, secret: secret)
                    #expect(result.exitCode == 0, "\(result)")
                }

                // Ending the grace (a rotation with 0s) leaves one signature, by the newest secret only.
                _ = try await client.call(
                    .webhooksRotateSecret, WebhookRotateSecretParams(webhook: "crm", grace: "0s"), as: WebhookView.self)
                let newest = try await client.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
                _ = try await Loyalty.publish(client, type: "reward.issued")
                let second = try await receiver.waitForRequests(count: 2)[1]
                #expect(second.headers["webhook-signature"]?.split(separator: " ").count == 1)
                #expect(try await Self.verify(second, secret: newest.secret).exitCode == 0)
                #expect(try await Self.verify(second, secret: new.secret).exitCode != 0)

                let bad = try await runHookctl(
                    ["webhooks", "rotate-secret", "crm", "--grace", "90d"], socket: daemon.socketPath)
                #expect(bad.exitCode == 1)
                #expect(bad.stderr.contains("grace"))
            }
        }
    }

    @Test("the official Python verifier accepts a delivered request and rejects a tampered one")
    func officialVerifierAccepts() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                let (_, secret) = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
                let published = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["transaction_id": "txn_11111", "amount": 50])
                let request = try #require(try await receiver.waitForRequests(count: 1).first)

                let accepted = try await Self.verify(request, secret: secret.text)
                #expect(accepted.exitCode == 0, "\(accepted)")
                #expect(accepted.stdout.contains(#""event_id": "\#(published.event.id)""#))

                let tampered = Data(request.body.map { $0 == UInt8(ascii: "5") ? UInt8(ascii: "6") : $0 })
                let rejected = try await Self.verify(request, secret: secret.text, body: tampered)
                #expect(rejected.exitCode != 0)
                #expect(rejected.stderr.contains("WebhookVerificationError"))
            }
        }
    }
}
