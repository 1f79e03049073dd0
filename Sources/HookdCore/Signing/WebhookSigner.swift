import Crypto
import Foundation

/// Signs and verifies deliveries: as Standard Webhooks specifies (HMAC-SHA256 over
/// `webhook-id.webhook-timestamp.body`, sent as `v1,<base64>`), or with a webhook's
/// `hmac-sha256` signature (HMAC-SHA256 of the raw body keyed with the secret's text).
public enum WebhookSigner {
    /// The `webhook-signature` value for one message.
    public static func signature(id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> String {
        var mac = secret.keyMAC
        mac.update(data: Data("\(id).\(timestamp).".utf8))
        mac.update(data: body)
        return "v1," + Data(mac.finalize()).base64EncodedString()
    }

    /// One `hmac-sha256` signature of `body`: `prefix` followed by the HMAC-SHA256 of the
    /// body keyed with the UTF-8 bytes of `secret.text`, in `encoding`.
    public static func bodySignature(
        body: Data, secret: WebhookSecret, encoding: WebhookSignature.Encoding, prefix: String
    ) -> String {
        var mac = secret.textMAC
        mac.update(data: body)
        let code = mac.finalize()
        switch encoding {
        case .base64: return prefix + Data(code).base64EncodedString()
        case .hex: return prefix + hex(code)
        }
    }

    /// The value of a webhook's `hmac-sha256` header: one signature per secret, the current
    /// one first, separated by commas (two only during a rotation's grace).
    public static func bodySignatureHeader(
        body: Data, secrets: [WebhookSecret], signature: WebhookSignature
    ) -> String {
        secrets.map { bodySignature(body: body, secret: $0, encoding: signature.encoding, prefix: signature.prefix) }
            .joined(separator: ",")
    }

    /// The headers that sign one attempt of a webhook signed as `signature`.
    public static func headers(
        id: String, timestamp: Int64, body: Data, secrets: [WebhookSecret], signature: WebhookSignature
    ) -> [(String, String)] {
        var headers: [(String, String)] = []
        if signature.scheme == .hmacSHA256 {
            headers.append((signature.header, bodySignatureHeader(body: body, secrets: secrets, signature: signature)))
        }
        if signature.sendsStandardHeaders {
            headers += self.headers(id: id, timestamp: timestamp, body: body, secrets: secrets)
        }
        return headers
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func hex(_ code: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in code {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The three Standard Webhooks headers for one attempt.
    public static func headers(id: String, timestamp: Int64, body: Data, secrets: [WebhookSecret]) -> [(String, String)] {
        let signatures = secrets.map { signature(id: id, timestamp: timestamp, body: body, secret: $0) }
        return [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signatures.joined(separator: " ")),
        ]
    }

    /// Checks a received message the way a receiver should: a `v1` signature made with
    /// `secret` must be among the space-separated ones, and the timestamp within `tolerance`
    /// seconds of `now`.
    public static func verify(
        id: String, timestamp: String, signatureHeader: String, body: Data, secret: WebhookSecret,
        now: Date = Date(), tolerance: TimeInterval = 300
    ) throws(SignatureError) {
        guard let seconds = Int64(timestamp) else { throw .malformedTimestamp }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { throw .timestampOutOfTolerance }
        let expected = signature(id: id, timestamp: seconds, body: body, secret: secret)
        let candidates = signatureHeader.split(separator: " ").map(String.init)
        guard candidates.contains(where: { constantTimeEquals($0, expected) }) else { throw .noMatchingSignature }
    }

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Why a received webhook did not verify.
public enum SignatureError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedTimestamp
    case timestampOutOfTolerance
    case noMatchingSignature

    public var description: String {
        switch self {
        case .malformedTimestamp: "webhook-timestamp is not a number of seconds"
        case .timestampOutOfTolerance: "webhook-timestamp is too far from now"
        case .noMatchingSignature: "no signature matches the secret"
        }
    }
}
