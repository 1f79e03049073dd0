import Foundation
import HookdStore
import Logging

/// `hookd copy-store`: one store's whole content copied into an empty store of the other
/// kind (see `StoreCopy`), with daemons kept off both meanwhile.
public enum StoreCopying {
    /// Copies `source` into `target`. Holds the SQLite data directory's lock and the
    /// PostgreSQL database's daemon lock throughout, so it refuses to run beside a daemon on
    /// either, and no daemon starts on them until it is done. Returns what was copied, for
    /// the operator.
    public static func copy(from source: StoreAddress, to target: StoreAddress, logger: Logger) async throws
        -> String
    {
        summary(try await copyRows(from: source, to: target, logger: logger), from: source, to: target)
    }

    /// What was copied, in a line or two.
    static func summary(_ report: StoreCopyReport, from source: StoreAddress, to target: StoreAddress) -> String {
        let rows = report.rows.map { "\($0.table): \($0.count)" }.joined(separator: ", ")
        var text = "copied \(source) to \(target): \(rows); configuration revision \(report.stateRevision)"
        if let key = report.secrets.keyFingerprint {
            text += "\nwebhook secrets stay sealed with key \(key): start hookd on the copy with the same --secret-key-file"
        }
        return text
    }

    private static func copyRows(from source: StoreAddress, to target: StoreAddress, logger: Logger) async throws
        -> StoreCopyReport
    {
        switch (source, target) {
        case (.sqlite(let directory), .postgres(let url)):
            let path = try existingStore(source, directory: directory)
            let lock = try DataDirectoryLock(directory: directory)
            defer { withExtendedLifetime(lock) {} }
            return try await holding(url, logger: logger) {
                try await StoreCopy.copy(sqlite: path, to: url.location, logger: logger)
            }
        case (.postgres(let url), .sqlite(let directory)):
            try PrivateDataDirectory.secure(directory, logger: logger)
            let lock = try DataDirectoryLock(directory: directory)
            defer { withExtendedLifetime(lock) {} }
            return try await holding(url, logger: logger) {
                try await StoreCopy.copy(postgres: url.location, toSQLite: directory, logger: logger)
            }
        case (.sqlite, .sqlite), (.postgres, .postgres):
            throw StoreAddressError(
                description:
                    "copy-store copies between SQLite and PostgreSQL; to copy a store of one kind, stop hookd and copy its data directory, or use pg_dump")
        }
    }

    /// Runs `body` holding the database's daemon lock, so no daemon runs on it meanwhile.
    private static func holding(
        _ url: DatabaseURL, logger: Logger, _ body: () async throws -> StoreCopyReport
    ) async throws -> StoreCopyReport {
        let lock = try await PostgresDaemonLock.acquire(url.location, as: .maintenance("hookd copy-store"), logger: logger)
        do {
            let report = try await body()
            await lock.release()
            return report
        } catch {
            await lock.release()
            throw error
        }
    }

    /// The source's store file, which must exist (copy-store never makes an empty source).
    private static func existingStore(_ address: StoreAddress, directory: String) throws -> String {
        let path = address.sqlitePath ?? directory
        guard FileManager.default.fileExists(atPath: path) else {
            throw MissingStoreError(place: path)
        }
        return path
    }
}
