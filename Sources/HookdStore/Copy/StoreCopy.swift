import Foundation
public import Logging

/// `hookd copy-store`: everything one store holds — configuration, events, deliveries with
/// their states and due times, attempts, webhook health, the audit log — copied into an
/// empty store of the other kind, so a user moving from SQLite to PostgreSQL (or back) keeps
/// the history.
///
/// Rows are read a batch at a time (at most `batchRows` rows and about `batchBytes` bytes),
/// so a large store is never in memory whole, and written in one transaction on the target:
/// the copy lands whole or not at all. The caller keeps daemons off both stores meanwhile
/// (the data directory's lock, `PostgresDaemonLock`).
public enum StoreCopy {
    /// The most rows read and written at once.
    static let batchRows = 500
    /// A batch ends once its rows hold this many bytes (event bodies can be large).
    static let batchBytes = 8 << 20

    /// Copies the SQLite store file at `path` into the empty PostgreSQL database at `target`.
    public static func copy(sqlite path: String, to target: PostgresLocation, logger: Logger) async throws
        -> StoreCopyReport
    {
        let source = try SQLiteCopySource(path: path)
        let destination = try await PostgresCopyTarget.begin(target, logger: logger)
        return try await copy(from: source, to: destination)
    }

    /// Copies the PostgreSQL database at `source` into an empty SQLite store in `directory`
    /// (made when missing).
    public static func copy(postgres source: PostgresLocation, toSQLite directory: String, logger: Logger)
        async throws -> StoreCopyReport
    {
        let reader = try await PostgresCopySource.connect(source, logger: logger)
        do {
            return try await copy(from: reader, to: try await SQLiteCopyTarget.begin(directory: directory))
        } catch {
            await reader.close()
            throw error
        }
    }

    /// Copies `source` into `target` (its transaction open); on any error it is undone.
    static func copy(
        from source: some StoreCopySource, to target: some StoreCopyTarget, batchRows: Int = batchRows
    ) async throws -> StoreCopyReport {
        do {
            var report = StoreCopyReport()
            for table in CopiedTable.all {
                var copied = 0
                var after: [CopiedValue]? = nil
                while true {
                    let rows = try await source.rows(of: table, after: after, limit: batchRows)
                    guard let last = rows.last else { break }
                    if table.name == "webhooks" {
                        for row in rows { report.secrets.count(row, of: table) }
                    }
                    try await target.insert(rows, into: table)
                    copied += rows.count
                    after = table.keyIndices.map { last[$0] }
                }
                report.rows.append((table.name, copied))
            }
            try report.secrets.check()
            let meta = try await source.meta()
            report.stateRevision = meta.stateRevision
            try await target.commit(meta: meta)
            await target.close()
            await source.close()
            return report
        } catch {
            await target.close()
            await source.close()
            throw error
        }
    }
}
