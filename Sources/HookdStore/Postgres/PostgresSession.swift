import Foundation
internal import Logging
internal import PostgresNIO

/// One connection of the pool inside one transaction: runs queries and reads their rows by
/// column name.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs `query`, discarding any rows.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await connection.query(query, logger: logger).collect()
    }

    /// Every row `query` returns, each readable by column name.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await connection.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    /// The first row `query` returns, if any.
    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }

    /// The first column of the first row, if there is a row.
    func value<Value: PostgresDecodable>(_ type: Value.Type, _ query: PostgresQuery) async throws -> Value? {
        guard let row = try await row(query) else { return nil }
        return try row[0].decode(Value.self)
    }

    /// How many rows `query` returns (a `RETURNING` clause counts what a write changed).
    func count(_ query: PostgresQuery) async throws -> Int {
        try await connection.query(query, logger: logger).collect().count
    }
}

extension PostgresRandomAccessRow {
    /// The named column decoded as `type`.
    func get<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }
}
