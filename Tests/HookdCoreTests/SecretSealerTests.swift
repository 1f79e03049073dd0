import Foundation
import Testing

@testable import HookdCore

/// Webhook secrets sealed for storage open only with their key, at their place, untouched.
struct SecretSealerTests {
    let sealer = SecretSealer(key: SecretKey.generate())
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    @Test("a sealed secret reads sealed:v1:<fingerprint>:… and opens to the secret")
    func roundTrip() throws {
        let stored = sealer.seal(secret, at: "webhooks/wh_1/secret")
        #expect(stored.hasPrefix("sealed:v1:\(sealer.key.fingerprint):"))
        #expect(!stored.contains(secret))
        #expect(SecretSealer.keyFingerprint(of: stored) == sealer.key.fingerprint)
        #expect(try sealer.open(stored, at: "webhooks/wh_1/secret") == secret)
        // A fresh nonce each time: the same secret never seals to the same text.
        #expect(sealer.seal(secret, at: "webhooks/wh_1/secret") != stored)
    }

    @Test("a sealed secret moved to another place, changed, or opened with another key does not open")
    func refusals() throws {
        let stored = sealer.seal(secret, at: "webhooks/wh_1/secret")
        #expect(throws: SecretSealingError.damaged(place: "webhooks/wh_2/secret")) {
            try sealer.open(stored, at: "webhooks/wh_2/secret")
        }
        var bytes = Array(stored.utf8)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: SecretSealingError.damaged(place: "webhooks/wh_1/secret")) {
            try sealer.open(String(decoding: bytes, as: UTF8.self), at: "webhooks/wh_1/secret")
        }
        let other = SecretSealer(key: SecretKey.generate())
        #expect(throws: SecretSealingError.otherKey(sealedWith: sealer.key.fingerprint, keyFile: other.key.fingerprint)) {
            try other.open(stored, at: "webhooks/wh_1/secret")
        }
        #expect(throws: SecretSealingError.notSealed) { try sealer.open(secret, at: "webhooks/wh_1/secret") }
    }

    @Test("a key file's text is 44 characters of base64; anything else is refused with the fix")
    func keyFileText() throws {
        let key = SecretKey.generate()
        #expect(key.fileContents.count == 45)
        let read = try SecretKey(fileContents: "  " + key.fileContents + "\n")
        #expect(read.fingerprint == key.fingerprint)
        #expect(throws: SecretKeyError.notBase64) { try SecretKey(fileContents: "not a key!") }
        #expect(throws: SecretKeyError.wrongLength(bytes: 16)) {
            try SecretKey(fileContents: Data(repeating: 1, count: 16).base64EncodedString())
        }
    }
}
