import Foundation
import HookdCore
import Testing

struct SigningTests {
    /// The example from the Standard Webhooks specification.
    static let specSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test("the signature matches the Standard Webhooks reference example")
    func referenceVector() throws {
        let secret = try WebhookSecret(Self.specSecret)
        let signature = WebhookSigner.signature(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Data(#"{"test": 2432232314}"#.utf8),
            secret: secret)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test("verify accepts its own signature and rejects a tampered body, another secret and an old timestamp")
    func verify() throws {
        let secret = WebhookSecret.generate()
        let body = Data(#"{"a":1}"#.utf8)
        let now = Date()
        let seconds = Int64(now.timeIntervalSince1970)
        let header = WebhookSigner.signature(id: "evt_1", timestamp: seconds, body: body, secret: secret)
        try WebhookSigner.verify(
            id: "evt_1", timestamp: String(seconds), signatureHeader: header, body: body, secret: secret, now: now)
        #expect(throws: SignatureError.noMatchingSignature) {
            try WebhookSigner.verify(
                id: "evt_1", timestamp: String(seconds), signatureHeader: header, body: Data(#"{"a":2}"#.utf8),
                secret: secret, now: now)
        }
        #expect(throws: SignatureError.noMatchingSignature) {
            try WebhookSigner.verify(
                id: "evt_1", timestamp: String(seconds), signatureHeader: header, body: body,
                secret: WebhookSecret.generate(), now: now)
        }
        #expect(throws: SignatureError.timestampOutOfTolerance) {
            try WebhookSigner.verify(
                id: "evt_1", timestamp: String(seconds), signatureHeader: header, body: body, secret: secret,
                now: now.addingTimeInterval(600))
        }
    }

    @Test("several secrets give space-separated signatures, each verifiable")
    func rotationHeaders() throws {
        let old = WebhookSecret.generate()
        let new = WebhookSecret.generate()
        let headers = WebhookSigner.headers(id: "evt_2", timestamp: 100, body: Data("{}".utf8), secrets: [old, new])
        let signature = try #require(headers.first { $0.0 == "webhook-signature" }?.1)
        #expect(signature.split(separator: " ").count == 2)
        for secret in [old, new] {
            try WebhookSigner.verify(
                id: "evt_2", timestamp: "100", signatureHeader: signature, body: Data("{}".utf8), secret: secret,
                now: Date(timeIntervalSince1970: 100))
        }
    }

    @Test("secrets parse only as whsec_ with a 24 to 64 byte base64 key and never print")
    func secretParsing() throws {
        let secret = try WebhookSecret(Self.specSecret)
        #expect(secret.text == Self.specSecret)
        #expect("\(secret)" == "whsec_(sensitive)")
        #expect(secret.fingerprint.hasPrefix("sha256:") && secret.fingerprint.count == 23)
        #expect(throws: HookdError.self) { try WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") }
        #expect(throws: HookdError.self) { try WebhookSecret("whsec_!!!") }
        #expect(throws: HookdError.self) { try WebhookSecret("whsec_" + Data(repeating: 1, count: 8).base64EncodedString()) }
        let generated = WebhookSecret.generate()
        #expect(try WebhookSecret(generated.text) == generated)
        #expect(generated.key.count == 32)
    }
}

struct RotationTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func webhook() -> Webhook {
        Webhook(account: "acc", name: "crm", url: "https://crm.example.com", events: [.all], secret: .generate(), createdAt: now)
    }

    @Test("after a rotation both secrets sign until the grace ends, then only the new one")
    func graceWindow() throws {
        let original = webhook()
        let next = WebhookSecret.generate()
        let rotated = try original.rotatingSecret(to: next, grace: .hours(1), at: now)
        #expect(rotated.signingSecrets(at: now) == [next, original.secret])
        #expect(rotated.signingSecrets(at: now.addingTimeInterval(3599)) == [next, original.secret])
        #expect(rotated.signingSecrets(at: now.addingTimeInterval(3600)) == [next])
    }

    @Test("a rotation without grace drops the old secret; too long a grace or the same secret is refused")
    func limits() throws {
        let original = webhook()
        let immediate = try original.rotatingSecret(to: .generate(), grace: Interval(milliseconds: 0), at: now)
        #expect(immediate.previousSecret == nil)
        #expect(immediate.signingSecrets(at: now).count == 1)
        #expect(throws: HookdError.self) { try original.rotatingSecret(to: .generate(), grace: .days(31), at: now) }
        #expect(throws: HookdError.self) { try original.rotatingSecret(to: original.secret, grace: .hours(1), at: now) }
    }
}
