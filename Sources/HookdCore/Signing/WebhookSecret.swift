import Crypto
import Foundation

/// A webhook's signing key in the Standard Webhooks form `whsec_<base64>`.
///
/// `description` never shows the key; use `text` only where a secret must leave hookd
/// (`hookctl webhooks secret`).
///
/// Its copies share the HMAC keys a delivery may be signed with (the raw key for Standard
/// Webhooks, the text's UTF-8 bytes for `hmac-sha256`), prepared on first use, so signing
/// costs one copy of a prepared state per request instead of deriving the key each time.
/// Two secrets are equal when their key bytes are.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The raw key bytes.
    public let key: [UInt8]
    /// The HMAC states keyed with this secret, shared by its copies.
    private let prepared = PreparedSigningKeys()

    /// Standard Webhooks requires keys between 24 and 64 bytes.
    public static let keyLengths = 24...64
    static let prefix = "whsec_"

    /// A fresh random 32-byte key.
    public static func generate() -> WebhookSecret {
        WebhookSecret(validKey: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    private init(validKey: [UInt8]) { self.key = validKey }

    /// HMAC-SHA256 keyed with `key` (Standard Webhooks), before any message.
    var keyMAC: HMAC<SHA256> { prepared.keyMAC(key) }

    /// HMAC-SHA256 keyed with the UTF-8 bytes of `text` (`hmac-sha256`), before any message.
    var textMAC: HMAC<SHA256> { prepared.textMAC(text) }

    /// Reads `whsec_<base64>`; throws an error naming the problem.
    public init(_ text: String) throws(HookdError) {
        guard text.hasPrefix(Self.prefix) else {
            throw .invalidField("secret", "must start with \"whsec_\" followed by base64")
        }
        guard let key = Data(base64Encoded: String(text.dropFirst(Self.prefix.count))) else {
            throw .invalidField("secret", "the part after \"whsec_\" is not valid base64")
        }
        guard Self.keyLengths.contains(key.count) else {
            throw .invalidField(
                "secret", "the key must be \(Self.keyLengths.lowerBound) to \(Self.keyLengths.upperBound) bytes, got \(key.count)")
        }
        self.init(validKey: Array(key))
    }

    /// The secret as `whsec_<base64>`: handle with care.
    public var text: String { Self.prefix + Data(key).base64EncodedString() }

    /// A short, non-reversible tag (`sha256:1a2b3c4d5e6f7a8b`) to tell secrets apart without
    /// showing them.
    public var fingerprint: String {
        let digest = SHA256.hash(data: key)
        return "sha256:" + digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public var description: String { "whsec_(sensitive)" }

    public static func == (lhs: WebhookSecret, rhs: WebhookSecret) -> Bool { lhs.key == rhs.key }

    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
