import Crypto
import Foundation

/// The 256-bit key that seals webhook secrets at rest (`hookd --secret-key-file`).
///
/// A key file holds the key as one line of base64 (44 characters). Its fingerprint names it
/// in stored values and error messages without revealing it.
public struct SecretKey: Sendable {
    /// The key itself.
    let symmetricKey: SymmetricKey

    /// The first 16 hex digits of SHA-256 over a label and the key: enough to tell keys
    /// apart, useless for guessing one.
    public let fingerprint: String

    /// A key taken from 32 bytes.
    public init(bytes: some ContiguousBytes) throws(SecretKeyError) {
        let key = SymmetricKey(data: bytes)
        guard key.bitCount == 256 else { throw .wrongLength(bytes: key.bitCount / 8) }
        symmetricKey = key
        var hash = SHA256()
        hash.update(data: Array("hookd secret key fingerprint\n".utf8))
        key.withUnsafeBytes { hash.update(bufferPointer: $0) }
        fingerprint = hash.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random key.
    public static func generate() -> SecretKey {
        // 32 bytes make a 256-bit key: the initializer cannot refuse them.
        try! SecretKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// A key read from a key file's text: base64 of 32 bytes, surrounding whitespace ignored.
    public init(fileContents: String) throws(SecretKeyError) {
        let text = fileContents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text) else { throw .notBase64 }
        try self.init(bytes: bytes)
    }

    /// What a key file holds: the key in base64 and a newline.
    public var fileContents: String {
        symmetricKey.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
    }
}

/// Why a key file's text is not a key.
public enum SecretKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case notBase64
    case wrongLength(bytes: Int)

    public var description: String {
        switch self {
        case .notBase64:
            "is not one line of base64 (make a key with `hookd secrets generate-key --out FILE`)"
        case .wrongLength(let bytes):
            "holds \(bytes) bytes; a key is 32 bytes, 44 characters of base64 (make one with `hookd secrets generate-key --out FILE`)"
        }
    }
}
