import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Webhooks signed with `hmac-sha256` verify with independent code: Python's `hmac`
/// module, as the loyalty platform's guide (`hmacSHA256(payload, secret)` compared with
/// `x-webhook-signature`) and GitHub's documented `X-Hub-Signature-256` check do it.
@Suite("hmac-sha256 signature interop")
struct BodySignatureInteropTests {
    /// The receivers' side, written from the two documents, not from hookd's code: the key is
    /// the secret string's UTF-8 bytes, the message the raw body.
    static let verifier = """
        import base64, hashlib, hmac, sys
        style, secret, signature_path, body_path = sys.argv[1:5]
        signature = open(signature_path).read()
        payload = open(body_path, "rb").read()
        if style == "guide-hex":
            # verifyWebhookSignature(payload, signature, secret): hmacSHA256(payload, secret), timing-safe compare
            expected = hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()
        elif style == "guide-base64":
            expected = base64.b64encode(hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).digest()).decode()
        elif style == "github":
            # docs.github.com, "Validating webhook deliveries" (verify_signature)
            hash_object = hmac.new(secret.encode("utf-8"), msg=payload, digestmod=hashlib.sha256)
            expected = "sha256=" + hash_object.hexdigest()
        else:
            sys.exit("unknown style " + style)
        # During a rotation the header holds several signatures separated by commas.
        candidates = signature.split(",") if len(sys.argv) > 5 and sys.argv[5] == "any" else [signature]
        if not any(hmac.compare_digest(expected, candidate.strip()) for candidate in candidates):
            sys.exit("signature mismatch: expected " + expected + ", got " + signature)
        print("verified")
        """

    /// Runs the independent verifier on one signature header value and body.
    static func verify(
        style: String, secret: String, signature: String?, body: Data, anyOfSeveral: Bool = false
    ) async throws -> CommandResult {
        let scratch = try TemporaryDirectory(prefix: "hookd-hmac")
        defer { scratch.remove() }
        try Data((signature ?? "").utf8).write(to: URL(fileURLWithPath: scratch.path + "/signature"))
        try body.write(to: URL(fileURLWithPath: scratch.path + "/body"))
        try Data(verifier.utf8).write(to: URL(fileURLWithPath: scratch.path + "/verify.py"))
        return try await runCommand(
            "/usr/bin/env",
            ["python3", scratch.path + "/verify.py", style, secret, scratch.path + "/signature", scratch.path + "/body"]
                + (anyOfSeveral ? ["any"] : []))
    }

    /// The webhook's secret exactly as `hookctl webhooks secret` prints it.
    static func printedSecret(_ daemon: RunningDaemon, _ webhook: String) async throws -> String {
        let shown = try await runHookctl(["webhooks", "secret", webhook], socket: daemon.socketPath)
        #expect(shown.exitCode == 0, "\(shown)")
        return shown.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the guide's receiver verifies x-webhook-signature (hex, then base64) and refuses a tampered body")
    func guideReceiver() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                let created = try await client.call(
                    .webhooksCreate,
                    WebhookCreateParams(
                        account: Loyalty.account, name: "crm", url: receiver.url, events: ["*"],
                        signature: WebhookSignatureSettings(scheme: "hmac-sha256")),
                    as: WebhookView.self)
                #expect(created.signature == WebhookSignatureSettings(
                    scheme: "hmac-sha256", header: "X-Webhook-Signature", encoding: "hex", prefix: "", standardHeaders: false))
                let secret = try await Self.printedSecret(daemon, "crm")
                #expect(secret.hasPrefix("whsec_"))

                _ = try await Loyalty.publish(client, type: "customer.created")
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                #expect(request.headers["webhook-signature"] == nil, "standardHeaders is off by default")
                #expect(request.headers["x-webhook-signature"]?.count == 64)
                let verified = try await Self.verify(
                    style: "guide-hex", secret: secret, signature: request.headers["x-webhook-signature"], body: request.body)
                #expect(verified.exitCode == 0, "\(verified)")
                let tampered = try await Self.verify(
                    style: "guide-hex", secret: secret, signature: request.headers["x-webhook-signature"],
                    body: request.body + Data(" ".utf8))
                #expect(tampered.exitCode != 0)

                let updated = try await runHookctl(
                    ["webhooks", "update", "crm", "--signature-scheme", "hmac-sha256", "--signature-encoding", "base64"],
                    socket: daemon.socketPath)
                #expect(updated.exitCode == 0, "\(updated)")
                #expect(updated.stdout.contains("hmac-sha256 of the body in X-Webhook-Signature (base64)"), "\(updated.stdout)")
                _ = try await Loyalty.publish(client, type: "customer.created")
                let second = try await receiver.waitForRequests(count: 2)[1]
                let base64 = try await Self.verify(
                    style: "guide-base64", secret: secret, signature: second.headers["x-webhook-signature"], body: second.body)
                #expect(base64.exitCode == 0, "\(base64)")
            }
        }
    }

    @Test("GitHub's X-Hub-Signature-256 check verifies, with the Standard Webhooks headers alongside when asked")
    func githubReceiver() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                let created = try await runHookctl(
                    [
                        "webhooks", "create", "ci", "--account", Loyalty.account, "--url", receiver.url, "--events", "*",
                        "--signature-scheme", "hmac-sha256", "--signature-header", "X-Hub-Signature-256",
                        "--signature-prefix", "sha256=", "--signature-standard-headers", "true",
                    ],
                    socket: daemon.socketPath)
                #expect(created.exitCode == 0, "\(created)")
                #expect(created.stdout.contains(
                    #"hmac-sha256 of the body in X-Hub-Signature-256 (hex, prefix "sha256="), and the Standard Webhooks headers"#),
                    "\(created.stdout)")
                let secret = try await Self.printedSecret(daemon, "ci")

                _ = try await Loyalty.publish(client, type: "reward.issued")
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                let github = try await Self.verify(
                    style: "github", secret: secret, signature: request.headers["x-hub-signature-256"], body: request.body)
                #expect(github.exitCode == 0, "\(github)")
                let standard = try await StandardWebhooksInteropTests.verify(request, secret: secret)
                #expect(standard.exitCode == 0, "\(standard)")

                // A custom header may not take the signature's place.
                let clash = try await runHookctl(
                    ["webhooks", "update", "ci", "--header", "X-Hub-Signature-256: forged"], socket: daemon.socketPath)
                #expect(clash.exitCode == 1)
                #expect(clash.stderr.contains("headers.X-Hub-Signature-256"), "\(clash.stderr)")
                let badScheme = try await runHookctl(
                    ["webhooks", "update", "ci", "--signature-scheme", "hmac-md5"], socket: daemon.socketPath)
                #expect(badScheme.exitCode == 1)
                #expect(badScheme.stderr.contains("unknown signature scheme \"hmac-md5\""), "\(badScheme.stderr)")
            }
        }
    }

    @Test("during a rotation's grace the one header carries both signatures, comma-separated, each verifying")
    func rotation() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await client.call(
                    .webhooksCreate,
                    WebhookCreateParams(
                        account: Loyalty.account, name: "crm", url: receiver.url, events: ["*"],
                        signature: WebhookSignatureSettings(scheme: "hmac-sha256")),
                    as: WebhookView.self)
                let old = try await Self.printedSecret(daemon, "crm")
                let rotated = try await runHookctl(
                    ["webhooks", "rotate-secret", "crm", "--grace", "1h"], socket: daemon.socketPath)
                #expect(rotated.exitCode == 0, "\(rotated)")
                let new = try await Self.printedSecret(daemon, "crm")
                #expect(new != old)

                _ = try await Loyalty.publish(client, type: "customer.created")
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                let header = try #require(request.headers["x-webhook-signature"])
                #expect(header.split(separator: ",").count == 2)
                for secret in [new, old] {
                    let result = try await Self.verify(
                        style: "guide-hex", secret: secret, signature: header, body: request.body, anyOfSeveral: true)
                    #expect(result.exitCode == 0, "\(result)")
                }
                let first = String(header.split(separator: ",")[0])
                #expect(try await Self.verify(style: "guide-hex", secret: new, signature: first, body: request.body).exitCode == 0)
            }
        }
    }
}
