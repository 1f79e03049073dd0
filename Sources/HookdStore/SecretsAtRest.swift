import HookdCore

/// The rule both stores hold their stored secrets to when they open.
enum SecretsAtRest {
    /// Refuses stored secret values the given key (or its absence) cannot serve: sealed
    /// secrets without a key, secrets in the clear beside a key, secrets sealed with another
    /// key. Mixed states are never opened, so every secret written later is stored as the
    /// ones already there.
    static func check(_ values: [String], sealer: SecretSealer?) throws {
        guard let sealer else {
            if values.contains(where: SecretSealer.isSealed) { throw SecretsAtRestError.sealedWithoutKey }
            return
        }
        let clear = values.filter { !SecretSealer.isSealed($0) }.count
        if clear > 0 { throw SecretsAtRestError.clearWithKey(count: clear) }
        for value in values {
            if let fingerprint = SecretSealer.keyFingerprint(of: value), fingerprint != sealer.key.fingerprint {
                throw SecretsAtRestError.unopenable(.otherKey(sealedWith: fingerprint, keyFile: sealer.key.fingerprint))
            }
        }
    }

    /// The value to store instead of `value` at `place` so that it is sealed with `sealer`
    /// (in the clear when `nil`), opening it with `opener` when it is sealed; `nil` when it
    /// is stored so already, so an interrupted reseal can simply be repeated.
    static func resealed(_ value: String, at place: String, opener: SecretSealer?, sealer: SecretSealer?) throws
        -> String?
    {
        let plain: String
        if let fingerprint = SecretSealer.keyFingerprint(of: value) {
            if fingerprint == sealer?.key.fingerprint { return nil }
            guard let opener else { throw SecretsAtRestError.sealedWithoutKey }
            do throws(SecretSealingError) {
                plain = try opener.open(value, at: place)
            } catch {
                throw SecretsAtRestError.unopenable(error)
            }
        } else {
            guard sealer != nil else { return nil }
            plain = value
        }
        return WebhookRecord.stored(plain, at: place, sealer: sealer)
    }
}
