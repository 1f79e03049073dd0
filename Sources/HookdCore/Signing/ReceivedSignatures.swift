import Foundation

/// Checks a received request's signatures the way a receiver would, for every scheme hookd
/// signs with: the Standard Webhooks headers, and an `hmac-sha256` body signature in the
/// webhook's header (or, when the webhook's settings are not known, in any header whose name
/// holds `signature`, hex or base64, after any prefix such as `sha256=`).
public enum ReceivedSignatures {
    /// One verdict per signature the request carries; a single `none` verdict when it
    /// carries none.
    ///
    /// - Parameters:
    ///   - headers: the request's headers by lowercased name.
    ///   - secrets: the secrets any of which may have signed it (two during a rotation).
    ///   - signature: the webhook's signature settings, when known; `nil` to recognise any.
    ///   - tolerance: how far `webhook-timestamp` may be from `now`, in seconds.
    public static func check(
        headers: [String: String], body: Data, secrets: [WebhookSecret], signature: WebhookSignature? = nil,
        now: Date = Date(), tolerance: TimeInterval = 300
    ) -> [SignatureVerdict] {
        var verdicts: [SignatureVerdict] = []
        if let header = headers["webhook-signature"] {
            verdicts.append(standard(headers: headers, signatureHeader: header, body: body, secrets: secrets, now: now, tolerance: tolerance))
        }
        for name in bodySignatureHeaders(headers, signature: signature) {
            guard let value = headers[name] else { continue }
            verdicts.append(bodySignature(name: name, value: value, body: body, secrets: secrets, signature: signature))
        }
        if verdicts.isEmpty {
            verdicts.append(SignatureVerdict(scheme: "none", isValid: false, reason: "the request carries no signature header"))
        }
        return verdicts
    }

    private static func standard(
        headers: [String: String], signatureHeader: String, body: Data, secrets: [WebhookSecret], now: Date,
        tolerance: TimeInterval
    ) -> SignatureVerdict {
        let scheme = WebhookSignature.Scheme.standardWebhooks.rawValue
        guard let id = headers["webhook-id"], let timestamp = headers["webhook-timestamp"] else {
            return SignatureVerdict(scheme: scheme, isValid: false, reason: "webhook-id or webhook-timestamp is missing")
        }
        var failure = SignatureError.noMatchingSignature
        for secret in secrets {
            do {
                try WebhookSigner.verify(
                    id: id, timestamp: timestamp, signatureHeader: signatureHeader, body: body, secret: secret, now: now,
                    tolerance: tolerance)
                return SignatureVerdict(scheme: scheme, isValid: true)
            } catch {
                failure = error
            }
        }
        return SignatureVerdict(scheme: scheme, isValid: false, reason: failure.description)
    }

    /// The headers that may carry an `hmac-sha256` signature: the webhook's own when known,
    /// else every header named like one, but the Standard Webhooks header.
    private static func bodySignatureHeaders(_ headers: [String: String], signature: WebhookSignature?) -> [String] {
        if let signature {
            return signature.scheme == .hmacSHA256 ? [signature.header.lowercased()] : []
        }
        return headers.keys.filter { $0.contains("signature") && $0 != "webhook-signature" }.sorted()
    }

    private static func bodySignature(
        name: String, value: String, body: Data, secrets: [WebhookSecret], signature: WebhookSignature?
    ) -> SignatureVerdict {
        let scheme = "\(WebhookSignature.Scheme.hmacSHA256.rawValue) (\(name))"
        let received = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for secret in secrets {
            for encoding in WebhookSignature.Encoding.allCases where signature.map({ $0.encoding == encoding }) ?? true {
                let expected = WebhookSigner.bodySignature(body: body, secret: secret, encoding: encoding, prefix: "")
                for candidate in received where matches(candidate, expected: expected, prefix: signature?.prefix) {
                    return SignatureVerdict(scheme: scheme, isValid: true)
                }
            }
        }
        return SignatureVerdict(scheme: scheme, isValid: false, reason: "no signature matches the secret")
    }

    /// `candidate` is `prefix` + `expected` (any prefix when `prefix` is `nil`), compared in
    /// constant time over the signature itself.
    private static func matches(_ candidate: String, expected: String, prefix: String?) -> Bool {
        let bytes = Array(candidate.utf8)
        let signature = Array(expected.utf8)
        guard bytes.count >= signature.count else { return false }
        let split = bytes.count - signature.count
        if let prefix, Array(prefix.utf8) != Array(bytes[..<split]) { return false }
        return zip(bytes[split...], signature).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
