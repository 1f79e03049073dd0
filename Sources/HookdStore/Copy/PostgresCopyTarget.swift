import Foundation
import HookdCore
import Logging
internal import PostgresNIO
import Synchronization

/// A PostgreSQL database written by `hookd copy-store`: one connection, one transaction
/// holding the store's writer lock from `begin` to `commit`.
final class PostgresCopyTarget: StoreCopyTarget {
    private let location: PostgresLocation
    private let session: PostgresSession
    /// Whether a transaction is open on the connection (so `close` knows to roll it back).
    private let inTransaction = Mutex(false)

    private init(location: PostgresLocation, session: PostgresSession) {
        self.location = location
        self.session = session
    }

    /// Connects to `location` (throws `PostgresUnavailableError` when it cannot), brings its
    /// schema up to date and opens the copy's transaction; refuses a database that holds
    /// anything (`StoreCopyError.targetNotEmpty`), changing nothing.
    static func begin(_ location: PostgresLocation, logger: Logger) async throws -> PostgresCopyTarget {
        let connection = try await PostgresStore.connect(location, timeout: .seconds(10), logger: logger)
        let target = PostgresCopyTarget(location: location, session: PostgresSession(connection: connection, logger: logger))
        do {
            try await target.begin()
        } catch {
            await target.close()
            throw error
        }
        return target
    }

    private func begin() async throws {
        // Looked at before the schema is touched, so a refused target is left exactly as it was.
        try await refuseUnlessEmpty()
        _ = try await PostgresMigrations.migrate(session)
        try await session.execute("BEGIN")
        inTransaction.withLock { $0 = true }
        try await session.execute("SELECT pg_advisory_xact_lock(\(PostgresStore.writerLockKey))")
        // Again under the writer lock: nothing wrote in between.
        try await refuseUnlessEmpty()
        // What a daemon that ran on the empty database left: the source brings its own.
        try await session.execute("DELETE FROM event_types")
        try await session.execute("DELETE FROM queue_nodes")
    }

    /// Throws `StoreCopyError.targetNotEmpty` naming what the database holds, if anything
    /// but hookd's own event types (which any daemon started on it registers).
    private func refuseUnlessEmpty() async throws {
        var found: [String] = []
        for table in CopiedTable.all {
            let exists = try await session.value(Bool.self, "SELECT to_regclass(\(table.name)) IS NOT NULL") ?? false
            guard exists else { continue }
            var sql = "SELECT count(*) FROM \(table.name)"
            if table.name == "event_types" { sql += " WHERE name NOT LIKE '\(OperationalEvent.reservedPrefix)%'" }
            let count = try await session.value(Int64.self, PostgresQuery(unsafeSQL: sql)) ?? 0
            if count > 0 { found.append("\(table.name): \(count)") }
        }
        if !found.isEmpty { throw StoreCopyError.targetNotEmpty(target: location.redacted, found: found) }
    }

    func insert(_ rows: [[CopiedValue]], into table: CopiedTable) async throws {
        var bindings = PostgresBindings()
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            var marks: [String] = []
            for (value, column) in zip(row, table.columns) {
                try bindings.append(value)
                marks.append("$\(bindings.count)::\(column.kind.postgresType)")
            }
            tuples.append("(" + marks.joined(separator: ", ") + ")")
        }
        let sql = "INSERT INTO \(table.name) (\(table.columnList)) VALUES " + tuples.joined(separator: ", ")
        try await session.execute(PostgresQuery(unsafeSQL: sql, binds: bindings))
    }

    func commit(meta: CopiedMeta) async throws {
        try await session.execute(
            """
            UPDATE meta SET state_revision = \(meta.stateRevision), reserved_sequence = \(meta.reservedSequence)
            WHERE id = 1
            """)
        // The audit log's ids were copied: new entries number after them.
        try await session.execute(
            """
            SELECT setval(pg_get_serial_sequence('audit_log', 'id'), COALESCE((SELECT MAX(id) FROM audit_log), 1),
                (SELECT MAX(id) FROM audit_log) IS NOT NULL)
            """)
        try await session.execute("COMMIT")
        inTransaction.withLock { $0 = false }
    }

    func close() async {
        if inTransaction.withLock({ $0 }) {
            try? await session.execute("ROLLBACK")
        }
        try? await session.connection.close()
    }
}

extension CopiedTable.Kind {
    /// The column type PostgreSQL declares for this kind (see `PostgresMigrations`).
    var postgresType: String {
        switch self {
        case .integer: "bigint"
        case .boolean: "boolean"
        case .text: "text"
        case .bytes: "bytea"
        }
    }
}

extension PostgresBindings {
    /// Binds `value`, a NULL as such.
    mutating func append(_ value: CopiedValue) throws {
        switch value {
        case .null: appendNull()
        case .integer(let number): append(number)
        case .boolean(let flag): append(flag)
        case .text(let text): append(text)
        case .bytes(let data): try append(data)
        }
    }
}
