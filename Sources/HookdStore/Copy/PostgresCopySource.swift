import Foundation
import Logging
internal import PostgresNIO
import Synchronization

/// A PostgreSQL database read for `hookd copy-store`: one connection, one `REPEATABLE READ`
/// snapshot from `connect` to `close`, so every batch reads the same state.
final class PostgresCopySource: StoreCopySource {
    private let session: PostgresSession

    private init(session: PostgresSession) {
        self.session = session
    }

    /// Connects to `location` and opens the snapshot; refuses a database no hookd ever ran on.
    static func connect(_ location: PostgresLocation, logger: Logger) async throws -> PostgresCopySource {
        let connection = try await PostgresStore.connect(location, timeout: .seconds(10), logger: logger)
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            guard try await session.value(Bool.self, "SELECT to_regclass('schema_migrations') IS NOT NULL") == true
            else { throw MissingStoreError(place: location.redacted) }
            // The source's schema is brought up to date as a daemon starting on it would.
            _ = try await PostgresMigrations.migrate(session)
            try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        } catch {
            try? await connection.close()
            throw error
        }
        return PostgresCopySource(session: session)
    }

    func rows(of table: CopiedTable, after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]] {
        var bindings = PostgresBindings()
        var sql = "SELECT \(table.columnList) FROM \(table.name)"
        if let after {
            var marks: [String] = []
            for (value, index) in zip(after, table.keyIndices) {
                try bindings.append(value)
                marks.append("$\(bindings.count)::\(table.columns[index].kind.postgresType)")
            }
            sql += " WHERE (\(table.key.joined(separator: ", "))) > (\(marks.joined(separator: ", ")))"
        }
        sql += " ORDER BY \(table.key.joined(separator: ", ")) LIMIT \(max(1, limit))"
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        var rows: [[CopiedValue]] = []
        var bytes = 0
        for try await row in try await session.connection.query(query, logger: session.logger) {
            let cells = row.makeRandomAccess()
            let values = try table.columns.indices.map { index in
                try CopiedValue(cells[index], as: table.columns[index].kind)
            }
            rows.append(values)
            bytes += values.reduce(0) { $0 + $1.size }
            if bytes >= StoreCopy.batchBytes { break }
        }
        return rows
    }

    func meta() async throws -> CopiedMeta {
        let row = try await session.row("SELECT state_revision, reserved_sequence FROM meta WHERE id = 1")
        return CopiedMeta(
            stateRevision: try row?.get("state_revision") ?? 0, reservedSequence: try row?.get("reserved_sequence") ?? 0)
    }

    func close() async {
        try? await session.execute("COMMIT")
        try? await session.connection.close()
    }
}

extension CopiedValue {
    /// The value of a PostgreSQL cell holding `kind`.
    init(_ cell: PostgresCell, as kind: CopiedTable.Kind) throws {
        let value: CopiedValue? =
            switch kind {
            case .integer: try cell.decode(Int64?.self).map(CopiedValue.integer)
            case .boolean: try cell.decode(Bool?.self).map(CopiedValue.boolean)
            case .text: try cell.decode(String?.self).map(CopiedValue.text)
            case .bytes: try cell.decode(Data?.self).map(CopiedValue.bytes)
            }
        self = value ?? .null
    }
}
