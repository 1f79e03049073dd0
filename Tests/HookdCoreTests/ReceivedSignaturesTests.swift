import Foundation
import HookdCore
import Testing

/// `ReceivedSignatures`: what `hookctl listen` says about a request's signatures.
@Suite("Received signatures")
struct ReceivedSignaturesTests {
    let secret = WebhookSecret.generate()
    let body = Data(#"{"event_type":"customer.created","event_id":"evt_1"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_764_384_312)

    func standardHeaders(secrets: [WebhookSecret]) -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: WebhookSigner.headers(
                id: "evt_1", timestamp: Int64(now.timeIntervalSince1970), body: body, secrets: secrets))
    }

    @Test("a Standard Webhooks signature is valid with its secret, invalid with another or a changed body")
    func standard() {
        let headers = standardHeaders(secrets: [secret])
        #expect(ReceivedSignatures.check(headers: headers, body: body, secrets: [secret], now: now) == [
            SignatureVerdict(scheme: "standard-webhooks", isValid: true)
        ])
        let other = ReceivedSignatures.check(headers: headers, body: body, secrets: [.generate()], now: now)
        #expect(other == [SignatureVerdict(scheme: "standard-webhooks", isValid: false, reason: "no signature matches the secret")])
        let changed = ReceivedSignatures.check(headers: headers, body: body + Data(" ".utf8), secrets: [secret], now: now)
        #expect(changed.first?.isValid == false)
        let late = ReceivedSignatures.check(headers: headers, body: body, secrets: [secret], now: now.addingTimeInterval(301))
        #expect(late.first?.reason == "webhook-timestamp is too far from now")
    }

    @Test("hmac-sha256 is recognised in any signature header, hex or base64, after any prefix, unless the settings name one")
    func bodySignatures() throws {
        for encoding in WebhookSignature.Encoding.allCases {
            for prefix in ["", "sha256="] {
                let value = WebhookSigner.bodySignature(body: body, secret: secret, encoding: encoding, prefix: prefix)
                let verdicts = ReceivedSignatures.check(
                    headers: ["x-hub-signature-256": value], body: body, secrets: [secret], now: now)
                #expect(verdicts == [SignatureVerdict(scheme: "hmac-sha256 (x-hub-signature-256)", isValid: true)])
            }
        }
        let settings = WebhookSignature(
            scheme: .hmacSHA256, header: "X-Webhook-Signature", encoding: .hex, prefix: "sha256=", standardHeaders: false)
        let unprefixed = WebhookSigner.bodySignature(body: body, secret: secret, encoding: .hex, prefix: "")
        let strict = ReceivedSignatures.check(
            headers: ["x-webhook-signature": unprefixed], body: body, secrets: [secret], signature: settings, now: now)
        #expect(strict.first?.isValid == false, "the webhook's prefix is required when its settings are known")
    }

    @Test("during a rotation either secret verifies both schemes; no signature at all says so")
    func rotationAndUnsigned() {
        let old = WebhookSecret.generate()
        let headers = standardHeaders(secrets: [secret, old])
        #expect(ReceivedSignatures.check(headers: headers, body: body, secrets: [old], now: now).first?.isValid == true)
        let header = WebhookSigner.bodySignatureHeader(
            body: body, secrets: [secret, old],
            signature: WebhookSignature(
                scheme: .hmacSHA256, header: "X-Webhook-Signature", encoding: .base64, prefix: "", standardHeaders: false))
        let verdicts = ReceivedSignatures.check(headers: ["x-webhook-signature": header], body: body, secrets: [old], now: now)
        #expect(verdicts.first?.isValid == true)
        #expect(ReceivedSignatures.check(headers: [:], body: body, secrets: [secret], now: now) == [
            SignatureVerdict(scheme: "none", isValid: false, reason: "the request carries no signature header")
        ])
    }
}
