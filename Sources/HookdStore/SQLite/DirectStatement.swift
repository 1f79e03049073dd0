import Foundation
internal import GRDB
internal import GRDBSQLite

/// A cached write statement of the delivery path, its arguments bound straight through
/// SQLite's C API and run to completion.
///
/// GRDB's `execute(arguments:)` boxes every argument as a `DatabaseValue`, checks the
/// count, binds them through one nested closure per argument, and lets its observation
/// broker inspect the statement: about a fifth of each insert's time on the hot path
/// (see docs/benchmarks.md, eighth step). Four statements run once or twice per delivery
/// (the event, the delivery, the attempt, the delivery's new state), so those four bind
/// here. Only tables no `TransactionObserver` watches may be written this way: GRDB's
/// observers are not told of these statements (hookd's observers: `CatalogCache` watches
/// `accounts` and `event_types`, `CommittedWebhooks` watches `webhooks`).
struct DirectStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private var index: Int32 = 0

    /// The statement for `sql` from the connection's cache, reset and ready to bind. Its
    /// previous bindings are not cleared: `run()` requires every parameter bound anew.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        sqlite3_reset(handle)
    }

    /// Binds the next parameter to `value`, or to NULL.
    mutating func bind(_ value: String?) {
        index += 1
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        value.withUTF8 { text in
            _ = sqlite3_bind_text(handle, index, text.baseAddress, Int32(text.count), sqliteTransient)
        }
    }

    /// Binds the next parameter to `value`, or to NULL.
    mutating func bind(_ value: Int64?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds the next parameter to `value`, or to NULL.
    mutating func bind(_ value: Int?) {
        bind(value.map(Int64.init))
    }

    /// Binds the next parameter to `value` as 0 or 1.
    mutating func bind(_ value: Bool) {
        bind(Int64(value ? 1 : 0))
    }

    /// Binds the next parameter to `value` as a blob.
    mutating func bind(_ value: Data) {
        index += 1
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), sqliteTransient)
        }
    }

    /// Runs the statement to its end; throws GRDB's `DatabaseError` as `execute` would.
    /// Every parameter must have been bound.
    func run() throws {
        precondition(index == sqlite3_bind_parameter_count(handle), "\(index) of \(sqlite3_bind_parameter_count(handle)) parameters bound: \(statement.sql)")
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            if code == SQLITE_ROW { continue }
            let message = connection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }
}

/// SQLite's `SQLITE_TRANSIENT`: it copies the bound bytes, which need to live only for the call.
private let sqliteTransient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
