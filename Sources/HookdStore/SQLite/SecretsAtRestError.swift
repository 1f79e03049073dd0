import HookdCore

/// Why the store's webhook secrets cannot be used as they are stored.
public enum SecretsAtRestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store holds sealed secrets and no key was given.
    case sealedWithoutKey
    /// A key was given and the store holds `count` secrets in the clear.
    case clearWithKey(count: Int)
    /// A sealed secret does not open with the key given.
    case unopenable(SecretSealingError)

    public var description: String {
        switch self {
        case .sealedWithoutKey:
            "the store's webhook secrets are sealed; start hookd with --secret-key-file and the key they were sealed with"
        case .clearWithKey(let count):
            "the store holds \(count) webhook secret\(count == 1 ? "" : "s") in the clear; seal them first, with hookd stopped: hookd secrets encrypt --data-dir DIR --secret-key-file FILE"
        case .unopenable(let error):
            "\(error)"
        }
    }
}
