import Foundation
internal import GRDB
import HookdCore

/// A SQLite store written by `hookd copy-store`: one `BEGIN IMMEDIATE` transaction from
/// `begin` to `commit`, on a connection that may keep it open between calls.
final class SQLiteCopyTarget: StoreCopyTarget {
    /// The connection the copy writes on, which may keep its transaction open between
    /// calls; `close` closes it (`DatabaseQueue` guards its connection itself).
    private let queue: DatabaseQueue

    private init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// Opens `hookd.sqlite` in `directory` (made with mode 0700 when missing, the store as a
    /// daemon would make it) and its copy transaction; refuses a store that holds anything
    /// (`StoreCopyError.targetNotEmpty`), changing nothing.
    static func begin(directory: String) async throws -> SQLiteCopyTarget {
        let path = (directory as NSString).appendingPathComponent(SQLiteStore.fileName)
        if FileManager.default.fileExists(atPath: path) {
            // Looked at before anything is written, so a refused target is left as it was.
            let reader = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            try await reader.read(refuseUnlessEmpty(path))
            try reader.close()
        }
        _ = try SQLiteStore.open(dataDirectory: directory)
        let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false))
        let target = SQLiteCopyTarget(queue: queue)
        do {
            try await queue.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                try refuseUnlessEmpty(path)(db)
                // What a daemon that ran on the empty store left: the source brings its own.
                try db.execute(sql: "DELETE FROM event_types")
                try db.execute(sql: "DELETE FROM queue_nodes")
            }
        } catch {
            await target.close()
            throw error
        }
        return target
    }

    private static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return configuration
    }

    /// Throws `StoreCopyError.targetNotEmpty` naming what the store holds, if anything but
    /// hookd's own event types (which any daemon started on it registers).
    private static func refuseUnlessEmpty(_ path: String) -> @Sendable (Database) throws -> Void {
        { db in
            var found: [String] = []
            for table in CopiedTable.all where try db.tableExists(table.name) {
                var sql = "SELECT count(*) FROM \(table.name)"
                if table.name == "event_types" { sql += " WHERE name NOT LIKE '\(OperationalEvent.reservedPrefix)%'" }
                let count = try Int.fetchOne(db, sql: sql) ?? 0
                if count > 0 { found.append("\(table.name): \(count)") }
            }
            if !found.isEmpty { throw StoreCopyError.targetNotEmpty(target: "sqlite:\(path)", found: found) }
        }
    }

    func insert(_ rows: [[CopiedValue]], into table: CopiedTable) async throws {
        let marks = table.columns.map { _ in "?" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table.name) (\(table.columnList)) VALUES (\(marks))"
        try await queue.writeWithoutTransaction { db in
            let statement = try db.cachedStatement(sql: sql)
            for row in rows {
                try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
            }
        }
    }

    func commit(meta: CopiedMeta) async throws {
        try await queue.writeWithoutTransaction { db in
            try db.execute(
                sql: "UPDATE meta SET state_revision = ?, reserved_sequence = ? WHERE id = 1",
                arguments: [meta.stateRevision, meta.reservedSequence])
            try db.commit()
        }
    }

    func close() async {
        try? await queue.writeWithoutTransaction { db in
            if db.isInsideTransaction { try db.rollback() }
        }
        try? queue.close()
    }
}
