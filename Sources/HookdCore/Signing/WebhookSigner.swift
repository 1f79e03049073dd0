import Crypto
import Foundation

/// Signs and verifies deliveries as Standard Webhooks specifies: HMAC-SHA256 over
/// `webhook-id.webhook-timestamp.body`, sent as `v1,<base64>`.
public enum WebhookSigner {
    /// The `webhook-signature` value for one message.
    public static func signature(id: String, timestamp: Int64, body: Data, secret: WebhookSecret) -> String {
        // Fed in two parts: the body is not copied into a message buffer first.
        var mac = HMAC<SHA256>(key: SymmetricKey(data: secret.key))
        mac.update(data: Data("\(id).\(timestamp).".utf8))
        mac.update(data: body)
        return "v1," + Data(mac.finalize()).base64EncodedString()
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
