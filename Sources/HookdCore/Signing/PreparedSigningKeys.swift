import Crypto
import Synchronization

/// The HMAC-SHA256 states of one secret with the key already mixed in, made the first time a
/// delivery is signed with it and shared by every copy of the secret, so signing costs a copy
/// of a prepared state instead of a key derivation per request, and reading webhooks from the
/// store (which makes secrets by the thousand) costs nothing extra.
final class PreparedSigningKeys: Sendable {
    /// Guards the state keyed with the raw key bytes (Standard Webhooks); `nil` until first used.
    private let keyState = Mutex<HMAC<SHA256>?>(nil)
    /// Guards the state keyed with the UTF-8 bytes of the secret's text (`hmac-sha256`);
    /// `nil` until first used.
    private let textState = Mutex<HMAC<SHA256>?>(nil)

    init() {}

    /// HMAC-SHA256 keyed with `key`, before any message.
    func keyMAC(_ key: [UInt8]) -> HMAC<SHA256> {
        keyState.withLock { state in
            if let state { return state }
            let prepared = HMAC<SHA256>(key: SymmetricKey(data: key))
            state = prepared
            return prepared
        }
    }

    /// HMAC-SHA256 keyed with the UTF-8 bytes of `text`, before any message.
    func textMAC(_ text: String) -> HMAC<SHA256> {
        textState.withLock { state in
            if let state { return state }
            let prepared = HMAC<SHA256>(key: SymmetricKey(data: Array(text.utf8)))
            state = prepared
            return prepared
        }
    }
}
