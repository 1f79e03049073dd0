internal import PostgresNIO

/// One statement for many rows — `INSERT … VALUES (…), (…), …`, or `UPDATE … FROM (VALUES
/// (…), (…), …) AS u(…) WHERE …` — so a commit of 200 events or attempt ends costs one round
/// trip per table instead of one per row.
///
/// Rows are written in chunks of ``rowsPerStatement``, well below PostgreSQL's limit of
/// 65,535 bound values per statement for the widest table (deliveries, 18 columns).
struct PostgresMultiRowStatement<Row>: Sendable {
    /// Most rows one statement carries.
    static var rowsPerStatement: Int { 1000 }

    /// The statement up to its rows: `INSERT INTO table (columns) VALUES`, or
    /// `UPDATE table SET … FROM (VALUES`.
    let head: String
    /// The statement after its rows: empty for an insert, `) AS u(columns) WHERE … RETURNING …`
    /// for an update.
    var tail = ""
    /// Appends one row's values, separated by ", ", without the parentheses.
    let values: @Sendable (Row, inout PostgresQuery.StringInterpolation) throws -> Void

    /// Runs the statement over `rows` in as few statements as the chunk size allows; nothing
    /// for none.
    func execute(_ rows: [Row], in session: PostgresSession) async throws {
        _ = try await returning(rows, in: session)
    }

    /// Runs the statement over `rows` as ``execute(_:in:)`` does and returns every row its
    /// `RETURNING` clause gives.
    func returning(_ rows: [Row], in session: PostgresSession) async throws -> [PostgresRandomAccessRow] {
        var returned: [PostgresRandomAccessRow] = []
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + Self.rowsPerStatement, rows.endIndex)
            var sql = PostgresQuery.StringInterpolation(
                literalCapacity: head.utf8.count + tail.utf8.count + 8 * (end - start), interpolationCount: 0)
            sql.appendLiteral(head)
            for index in start..<end {
                sql.appendLiteral(index == start ? " (" : ", (")
                try values(rows[index], &sql)
                sql.appendLiteral(")")
            }
            sql.appendLiteral(tail)
            returned += try await session.rows(PostgresQuery(stringInterpolation: sql))
            start = end
        }
        return returned
    }
}

extension PostgresQuery.StringInterpolation {
    /// Appends `value` as a bound parameter, then ", " unless it is the row's last.
    mutating func appendValue<Value: PostgresEncodable>(_ value: Value, last: Bool = false) throws {
        try appendInterpolation(value)
        if !last { appendLiteral(", ") }
    }

    /// Appends `value` (NULL when `nil`) as a bound parameter, then ", " unless it is the row's last.
    mutating func appendValue<Value: PostgresEncodable>(_ value: Value?, last: Bool = false) throws {
        try appendInterpolation(value)
        if !last { appendLiteral(", ") }
    }
}
