import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Every stored webhook secret value, current and previous, with where it is bound.
    private static func storedSecrets(_ db: Database) throws -> [(id: String, column: String, value: String)] {
        var values: [(id: String, column: String, value: String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, secret, previous_secret FROM webhooks ORDER BY id") {
            let id: String = row["id"]
            values.append((id, "secret", row["secret"]))
            if let previous: String = row["previous_secret"] {
                values.append((id, "previous_secret", previous))
            }
        }
        return values
    }

    /// Refuses a store whose secrets the given key (or its absence) cannot serve: sealed
    /// secrets without a key, secrets in the clear beside a key, secrets sealed with another
    /// key. Mixed states are never opened, so every secret written later is stored as the
    /// ones already there.
    static func checkSecretsAtRest(sealer: SecretSealer?, in db: Database) throws {
        try SecretsAtRest.check(try storedSecrets(db).map(\.value), sealer: sealer)
    }

    /// Stores every webhook secret again in one transaction: opened with `from` (`nil`: they
    /// are in the clear) and sealed with `to` (`nil`: stored in the clear). Values already
    /// stored as `to` says are left alone, so an interrupted run can simply be repeated.
    /// Returns how many values changed. Run only while no daemon uses the file.
    public static func reseal(path: String, from: SecretKey?, to: SecretKey?) async throws -> Int {
        let store = try SQLiteStore(path: path, durability: .full, secretKey: nil, checkingSecrets: false)
        let opener = from.map(SecretSealer.init)
        let sealer = to.map(SecretSealer.init)
        return try await store.database.write { db in
            var changed = 0
            let update = { (column: String, value: String, id: String) in
                try db.execute(sql: "UPDATE webhooks SET \(column) = ? WHERE id = ?", arguments: [value, id])
            }
            for (id, column, value) in try storedSecrets(db) {
                let place = column == "secret" ? WebhookRecord.secretPlace(id) : WebhookRecord.previousSecretPlace(id)
                guard let stored = try SecretsAtRest.resealed(value, at: place, opener: opener, sealer: sealer) else {
                    continue
                }
                try update(column, stored, id)
                changed += 1
            }
            return changed
        }
    }
}
