import Foundation
import HookdCore
import HookdStore
import Logging

/// Seals, rotates and unseals the webhook secrets of a stopped daemon's store, SQLite or
/// PostgreSQL (`hookd secrets encrypt|rotate|decrypt`).
public enum SecretsMaintenance {
    /// Stores every webhook secret in `dataDirectory` again: opened with the key in
    /// `fromKeyFile` (`nil`: they are in the clear) and sealed with the key in `toKeyFile`
    /// (`nil`: in the clear), in one transaction. Holds the data directory's lock meanwhile,
    /// so it refuses to run beside a daemon. Returns how many values changed.
    public static func reseal(dataDirectory: String, fromKeyFile: String?, toKeyFile: String?) async throws -> Int {
        let path = (dataDirectory as NSString).appendingPathComponent(SQLiteStore.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw SecretKeyFileError("no hookd store in \(dataDirectory) (\(path) does not exist)")
        }
        let from = try fromKeyFile.map(SecretKeyFile.load)
        let to = try toKeyFile.map(SecretKeyFile.load)
        let lock = try DataDirectoryLock(directory: dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        return try await SQLiteStore.reseal(path: path, from: from, to: to)
    }

    /// The same for the PostgreSQL database `database`, in one transaction, holding the
    /// database's daemon lock meanwhile (so it refuses to run beside a daemon, and none starts
    /// until it is done). Returns how many values changed.
    public static func reseal(database: DatabaseURL, fromKeyFile: String?, toKeyFile: String?, logger: Logger)
        async throws -> Int
    {
        let from = try fromKeyFile.map(SecretKeyFile.load)
        let to = try toKeyFile.map(SecretKeyFile.load)
        let lock = try await PostgresDaemonLock.acquire(database.location, as: .maintenance("hookd secrets"), logger: logger)
        do {
            let changed = try await PostgresStore.reseal(database.location, from: from, to: to, logger: logger)
            await lock.release()
            return changed
        } catch {
            await lock.release()
            throw error
        }
    }
}
