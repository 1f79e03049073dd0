import Crypto
import Foundation

/// A webhook's signing key in the Standard Webhooks form `whsec_<base64>`.
///
/// `description` never shows the key; use `text` only where a secret must leave hookd
/// (`hookctl webhooks secret`).
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    /// The raw key bytes.
    public let key: [UInt8]

    /// Standard Webhooks requires keys between 24 and 64 bytes.
    public static let keyLengths = 24...64
    static let prefix = "whsec_"

    /// A fresh random 32-byte key.
    public static func generate() -> WebhookSecret {
        WebhookSecret(validKey: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    private init(validKey: [UInt8]) { self.key = validKey }

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
        self.key = Array(key)
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
}
