import Foundation
internal import GRDB
import HookdCore

/// A SQLite store read for `hookd copy-store`, a batch at a time.
///
/// Each batch is a read transaction of its own: the caller holds the data directory's lock,
/// so no daemon writes between batches and together they read one state.
struct SQLiteCopySource: StoreCopySource {
    let store: SQLiteStore

    /// Opens the store file at `path` (which must exist), bringing its schema up to date as
    /// a daemon starting on it would. Its secrets are copied as they are stored, so no key
    /// is needed.
    init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw MissingStoreError(place: path) }
        store = try SQLiteStore(path: path, durability: .full, secretKey: nil, checkingSecrets: false)
    }

    func rows(of table: CopiedTable, after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]] {
        var sql = "SELECT \(table.columnList) FROM \(table.name)"
        var arguments = StatementArguments()
        if let after {
            let keys = table.key.joined(separator: ", ")
            let marks = table.key.map { _ in "?" }.joined(separator: ", ")
            sql += " WHERE (\(keys)) > (\(marks))"
            arguments = StatementArguments(after.map(\.databaseValue))
        }
        sql += " ORDER BY \(table.key.joined(separator: ", ")) LIMIT \(max(1, limit))"
        return try await store.database.read { [sql, arguments] db in
            var rows: [[CopiedValue]] = []
            var bytes = 0
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                let values = try table.columns.indices.map { index in
                    try CopiedValue(row[index] as DatabaseValue, as: table.columns[index].kind, in: table, index)
                }
                rows.append(values)
                bytes += values.reduce(0) { $0 + $1.size }
                if bytes >= StoreCopy.batchBytes { break }
            }
            return rows
        }
    }

    func meta() async throws -> CopiedMeta {
        try await store.database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT state_revision, reserved_sequence FROM meta WHERE id = 1")
            return CopiedMeta(stateRevision: row?["state_revision"] ?? 0, reservedSequence: row?["reserved_sequence"] ?? 0)
        }
    }

    func close() async {}
}

extension CopiedValue {
    /// The value SQLite stores for `kind`; anything else in the column (SQLite types values,
    /// not columns) is refused, naming the table and column.
    init(_ value: DatabaseValue, as kind: CopiedTable.Kind, in table: CopiedTable, _ index: Int) throws {
        switch (value.storage, kind) {
        case (.null, _): self = .null
        case (.int64(let number), .integer): self = .integer(number)
        case (.int64(let number), .boolean): self = .boolean(number != 0)
        case (.string(let text), .text): self = .text(text)
        case (.blob(let data), .bytes): self = .bytes(data)
        default:
            throw StoreCopyError.unexpectedValue(table: table.name, column: table.columns[index].name, "\(value)")
        }
    }

    /// The value as SQLite takes it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .boolean(let flag): flag.databaseValue
        case .text(let text): text.databaseValue
        case .bytes(let data): data.databaseValue
        }
    }
}
