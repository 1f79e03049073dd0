import HookdCore

/// How a webhook's secrets are kept in its row: sealed with the store's key when it has one
/// (`SecretSealer`), as `whsec_…` text otherwise.
extension WebhookRecord {
    /// Where the current secret of webhook `id` is stored: bound into its seal.
    static func secretPlace(_ id: String) -> String { "webhooks/\(id)/secret" }

    /// Where the previous secret of webhook `id` is stored: bound into its seal.
    static func previousSecretPlace(_ id: String) -> String { "webhooks/\(id)/previous_secret" }

    /// The column value for `secret` at `place`.
    static func stored(_ secret: String, at place: String, sealer: SecretSealer?) -> String {
        sealer.map { $0.seal(secret, at: place) } ?? secret
    }

    /// The secret a column value holds. A sealed value needs the key it was sealed with;
    /// text in the clear is taken as it is (the store refuses to open with a key while any
    /// is left, see `SecretsAtRest`).
    static func opened(_ stored: String, at place: String, sealer: SecretSealer?) throws -> String {
        guard SecretSealer.isSealed(stored) else { return stored }
        guard let sealer else { throw SecretsAtRestError.sealedWithoutKey }
        do throws(SecretSealingError) {
            return try sealer.open(stored, at: place)
        } catch {
            throw SecretsAtRestError.unopenable(error)
        }
    }
}
