import Foundation
import HookdCore
public import Logging
internal import PostgresNIO

extension PostgresStore {
    /// Stores every webhook secret of the database at `location` again, in one transaction
    /// under the writer lock: opened with `from` (`nil`: they are in the clear) and sealed
    /// with `to` (`nil`: stored in the clear), as `SQLiteStore.reseal` does a file. Values
    /// already stored as `to` says are left alone. Returns how many values changed. Run only
    /// while no daemon uses the database (`PostgresDaemonLock`).
    public static func reseal(
        _ location: PostgresLocation, from: SecretKey?, to: SecretKey?, logger: Logger
    ) async throws -> Int {
        let opener = from.map(SecretSealer.init)
        let sealer = to.map(SecretSealer.init)
        let connection = try await connect(location, timeout: .seconds(10), logger: logger)
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            guard try await session.value(Bool.self, "SELECT to_regclass('webhooks') IS NOT NULL") == true else {
                throw MissingStoreError(place: location.redacted)
            }
            try await session.execute("BEGIN")
            try await session.execute("SELECT pg_advisory_xact_lock(\(writerLockKey))")
            var changed = 0
            for row in try await session.rows("SELECT id, secret, previous_secret FROM webhooks ORDER BY id") {
                let id = try row.get("id", as: String.self)
                if let stored = try SecretsAtRest.resealed(
                    try row.get("secret"), at: WebhookRecord.secretPlace(id), opener: opener, sealer: sealer)
                {
                    try await session.execute("UPDATE webhooks SET secret = \(stored) WHERE id = \(id)")
                    changed += 1
                }
                if let previous = try row.get("previous_secret", as: String?.self),
                    let stored = try SecretsAtRest.resealed(
                        previous, at: WebhookRecord.previousSecretPlace(id), opener: opener, sealer: sealer)
                {
                    try await session.execute("UPDATE webhooks SET previous_secret = \(stored) WHERE id = \(id)")
                    changed += 1
                }
            }
            try await session.execute("COMMIT")
            try? await connection.close()
            return changed
        } catch {
            try? await session.execute("ROLLBACK")
            try? await connection.close()
            throw error
        }
    }
}
