import Crypto
import Foundation

/// Seals webhook secrets for storage with ChaCha20-Poly1305, and opens them again.
///
/// A sealed value reads `sealed:v1:<key fingerprint>:<base64 of nonce, ciphertext and tag>`.
/// The place it is stored in (webhook id and column) is bound in as associated data, so a
/// sealed secret copied to another webhook or column does not open.
public struct SecretSealer: Sendable {
    /// What every sealed value starts with.
    public static let prefix = "sealed:v1:"

    /// The key values are sealed with and opened by.
    public let key: SecretKey

    /// A sealer with `key`.
    public init(key: SecretKey) {
        self.key = key
    }

    /// Whether a stored value is sealed (rather than a secret in plain text).
    public static func isSealed(_ stored: String) -> Bool {
        stored.hasPrefix(prefix)
    }

    /// The fingerprint of the key a sealed value was sealed with; `nil` for plain text.
    public static func keyFingerprint(of stored: String) -> String? {
        guard isSealed(stored) else { return nil }
        return stored.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).first.map(String.init)
    }

    /// `secret` sealed for storage at `place` (e.g. `wh_…/secret`).
    public func seal(_ secret: String, at place: String) -> String {
        // ChaCha20-Poly1305 with a random nonce cannot fail on a 256-bit key.
        let box = try! ChaChaPoly.seal(Data(secret.utf8), using: key.symmetricKey, authenticating: Data(place.utf8))
        return Self.prefix + key.fingerprint + ":" + box.combined.base64EncodedString()
    }

    /// The secret a value sealed at `place` holds.
    public func open(_ stored: String, at place: String) throws(SecretSealingError) -> String {
        guard let fingerprint = Self.keyFingerprint(of: stored) else { throw .notSealed }
        guard fingerprint == key.fingerprint else {
            throw .otherKey(sealedWith: fingerprint, keyFile: key.fingerprint)
        }
        let encoded = stored.dropFirst(Self.prefix.count + fingerprint.count + 1)
        guard let combined = Data(base64Encoded: String(encoded)),
            let box = try? ChaChaPoly.SealedBox(combined: combined),
            let plain = try? ChaChaPoly.open(box, using: key.symmetricKey, authenticating: Data(place.utf8)),
            let secret = String(data: plain, encoding: .utf8)
        else { throw .damaged(place: place) }
        return secret
    }
}

/// Why a stored value does not open.
public enum SecretSealingError: Error, Sendable, Equatable, CustomStringConvertible {
    case notSealed
    case otherKey(sealedWith: String, keyFile: String)
    case damaged(place: String)

    public var description: String {
        switch self {
        case .notSealed:
            "the stored secret is in plain text, not sealed"
        case .otherKey(let sealedWith, let keyFile):
            "the stored secrets were sealed with key \(sealedWith), but the key file holds key \(keyFile)"
        case .damaged(let place):
            "the sealed secret at \(place) does not open with this key: it was changed or moved"
        }
    }
}
