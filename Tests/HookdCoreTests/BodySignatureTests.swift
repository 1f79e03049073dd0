import Foundation
import HookdCore
import Testing

/// The `hmac-sha256` signature scheme: HMAC-SHA256 of the raw body keyed with the UTF-8
/// bytes of the secret's text, and the rules a webhook's signature settings must meet.
struct BodySignatureTests {
    /// A fixed secret (key bytes 0...31) and body, with their HMACs computed by Python's
    /// `hmac.new(secret.encode(), body, hashlib.sha256)`.
    static let secretText = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    static let otherText = "whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
    static let body = Data(#"{"event_type":"customer.created","data":{}}"#.utf8)
    static let hex = "5fc532b2fac965b895cfdb883d70e8e167e7faa3fc3ee878a9dfbf7bbbfbbc85"
    static let base64 = "X8UysvrJZbiVz9uIPXDo4Wfn+qP8Puh4qd+/e7v7vIU="
    static let otherHex = "6e39ec710d7076ae0c887b593988f18f04502b9c2c55b63ea99fe7c71bb99fa6"

    static func hmacScheme(
        header: String = WebhookSignature.defaultHeader, encoding: WebhookSignature.Encoding = .hex,
        prefix: String = "", standardHeaders: Bool = false
    ) -> WebhookSignature {
        WebhookSignature(
            scheme: .hmacSHA256, header: header, encoding: encoding, prefix: prefix, standardHeaders: standardHeaders)
    }

    @Test("the body signature is the HMAC-SHA256 of the body keyed with the secret's text, in hex or base64")
    func knownVectors() throws {
        let secret = try WebhookSecret(Self.secretText)
        #expect(WebhookSigner.bodySignature(body: Self.body, secret: secret, encoding: .hex, prefix: "") == Self.hex)
        #expect(
            WebhookSigner.bodySignature(body: Self.body, secret: secret, encoding: .base64, prefix: "") == Self.base64)
        #expect(
            WebhookSigner.bodySignature(body: Self.body, secret: secret, encoding: .hex, prefix: "sha256=")
                == "sha256=" + Self.hex)
        // Signing twice with the same prepared key gives the same answer (the key state is not consumed).
        #expect(WebhookSigner.bodySignature(body: Self.body, secret: secret, encoding: .hex, prefix: "") == Self.hex)
    }

    @Test("hmac-sha256 sends one header; during a rotation it holds both signatures, current first, comma-separated")
    func headers() throws {
        let current = try WebhookSecret(Self.secretText)
        let previous = try WebhookSecret(Self.otherText)
        let alone = WebhookSigner.headers(
            id: "evt_1", timestamp: 100, body: Self.body, secrets: [current], signature: Self.hmacScheme())
        #expect(alone.map(\.0) == ["X-Webhook-Signature"])
        #expect(alone.first?.1 == Self.hex)
        let rotating = WebhookSigner.headers(
            id: "evt_1", timestamp: 100, body: Self.body, secrets: [current, previous],
            signature: Self.hmacScheme(header: "X-Hub-Signature-256", prefix: "sha256="))
        #expect(rotating.map(\.0) == ["X-Hub-Signature-256"])
        #expect(rotating.first?.1 == "sha256=\(Self.hex),sha256=\(Self.otherHex)")
    }

    @Test("standardHeaders adds the Standard Webhooks headers; the default scheme sends only those")
    func standardHeaders() throws {
        let secret = try WebhookSecret(Self.secretText)
        let both = WebhookSigner.headers(
            id: "evt_1", timestamp: 100, body: Self.body, secrets: [secret],
            signature: Self.hmacScheme(standardHeaders: true))
        #expect(both.map(\.0) == ["X-Webhook-Signature", "webhook-id", "webhook-timestamp", "webhook-signature"])
        let standard = WebhookSigner.headers(
            id: "evt_1", timestamp: 100, body: Self.body, secrets: [secret], signature: .standardWebhooks)
        #expect(standard.map(\.0) == ["webhook-id", "webhook-timestamp", "webhook-signature"])
        #expect(standard.last?.1 == WebhookSigner.signature(id: "evt_1", timestamp: 100, body: Self.body, secret: secret))
    }

    /// The violations `WebhookFields.signature` reports for `settings`, as `field: description`.
    static func problems(_ settings: WebhookSignatureSettings) -> [String] {
        var fields = WebhookFields(policy: TargetPolicy(allowInsecureTargets: true), knownEventTypes: [], plan: AccountPlan())
        _ = fields.signature(settings)
        return fields.problems.violations.map { "\($0.field): \($0.description)" }
    }

    @Test("settings default to Standard Webhooks; hmac-sha256 defaults to X-Webhook-Signature, hex, no prefix")
    func defaults() {
        var fields = WebhookFields(policy: TargetPolicy(allowInsecureTargets: true), knownEventTypes: [], plan: AccountPlan())
        #expect(fields.signature(WebhookSignatureSettings()) == .standardWebhooks)
        #expect(fields.signature(WebhookSignatureSettings(scheme: "hmac-sha256")) == Self.hmacScheme())
        #expect(fields.problems.violations.isEmpty)
        #expect(WebhookSignature.standardWebhooks.settings == nil)
        #expect(WebhookSignature(stored: Self.hmacScheme(prefix: "sha256=").settings!) == Self.hmacScheme(prefix: "sha256="))
    }

    @Test("bad signature settings are refused field by field, naming what is allowed")
    func refusals() {
        #expect(Self.problems(WebhookSignatureSettings(scheme: "hmac-md5")) == [
            "signature.scheme: unknown signature scheme \"hmac-md5\"; use one of standard-webhooks, hmac-sha256"
        ])
        #expect(Self.problems(WebhookSignatureSettings(header: "X-Sig")) == [
            "signature.header: applies only to scheme hmac-sha256 (standard-webhooks always sends webhook-signature: v1,<base64>)"
        ])
        #expect(Self.problems(WebhookSignatureSettings(scheme: "hmac-sha256", header: "X Sig", encoding: "base32")) == [
            "signature.header: \"X Sig\" is not a valid HTTP header name",
            "signature.encoding: unknown encoding \"base32\"; use one of hex, base64",
        ])
        #expect(Self.problems(WebhookSignatureSettings(scheme: "hmac-sha256", header: "Content-Type")) == [
            "signature.header: Content-Type is set by hookd itself; name another header"
        ])
        #expect(Self.problems(WebhookSignatureSettings(scheme: "hmac-sha256", prefix: "a,b")) == [
            "signature.prefix: may hold only visible ASCII characters other than ',' (which separates signatures)"
        ])
    }

    @Test("a custom header may not replace the signature header")
    func customHeaderClash() {
        var fields = WebhookFields(policy: TargetPolicy(allowInsecureTargets: true), knownEventTypes: [], plan: AccountPlan())
        fields.check(headers: ["x-webhook-signature": "forged"], against: Self.hmacScheme())
        fields.check(headers: ["x-webhook-signature": "fine"], against: .standardWebhooks)
        #expect(fields.problems.violations.map(\.field) == ["headers.x-webhook-signature"])
    }
}
