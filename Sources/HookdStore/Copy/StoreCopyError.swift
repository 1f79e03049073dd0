/// Why `hookd copy-store` did not copy; nothing was written to the target.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target already holds something; `found` says what (e.g. `3 accounts`).
    case targetNotEmpty(target: String, found: [String])
    /// The source's webhook secrets are not all stored one way (in the clear, or sealed with
    /// one key), which no daemon could open either.
    case mixedSecrets(clear: Int, sealedKeys: [String])
    /// A value of a kind the column does not hold.
    case unexpectedValue(table: String, column: String, String)

    public var description: String {
        switch self {
        case .targetNotEmpty(let target, let found):
            "the target \(target) is not empty (it holds \(found.joined(separator: ", "))); copy-store only copies into an empty store, and changed nothing"
        case .mixedSecrets(let clear, let keys):
            "the source's webhook secrets are stored in several ways (\(clear) in the clear, sealed with keys \(keys.joined(separator: ", "))); settle them with hookd secrets first"
        case .unexpectedValue(let table, let column, let value):
            "the source's \(table).\(column) holds \(value), which is not what hookd stores there"
        }
    }
}
