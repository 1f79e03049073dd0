import HookdCore

/// How the source's webhook secrets are stored, tallied as their rows are copied: they are
/// copied exactly as stored, so sealed ones need the same `--secret-key-file` on the target.
public struct CopiedSecrets: Sendable, Equatable {
    /// Secret values (current and previous) stored in the clear.
    public private(set) var clear = 0
    /// Sealed secret values, by the fingerprint of the key that sealed them.
    public private(set) var sealed: [String: Int] = [:]

    /// Counts the secret columns of one `webhooks` row.
    mutating func count(_ row: [CopiedValue], of table: CopiedTable) {
        for (index, column) in table.columns.enumerated() where column.name == "secret" || column.name == "previous_secret" {
            guard case .text(let value) = row[index] else { continue }
            if let fingerprint = SecretSealer.keyFingerprint(of: value) {
                sealed[fingerprint, default: 0] += 1
            } else {
                clear += 1
            }
        }
    }

    /// Refuses secrets stored in more than one way (a daemon would not open them either).
    func check() throws {
        if sealed.count > 1 || (clear > 0 && !sealed.isEmpty) {
            throw StoreCopyError.mixedSecrets(clear: clear, sealedKeys: sealed.keys.sorted())
        }
    }

    /// The fingerprint of the key every secret is sealed with; `nil` when they are in the clear.
    public var keyFingerprint: String? { sealed.keys.first }

    /// How many secret values were copied.
    public var total: Int { clear + sealed.values.reduce(0, +) }
}
