internal import PostgresNIO

/// One `INSERT … VALUES (…), (…), …` statement for many rows, so a commit of 200 events costs
/// one round trip per table instead of one per row.
///
/// Rows are written in chunks of ``rowsPerStatement``, well below PostgreSQL's limit of
/// 65,535 bound values per statement for the widest table (deliveries, 18 columns).
struct PostgresBatchInsert<Row>: Sendable {
    /// Most rows one statement carries.
    static var rowsPerStatement: Int { 1000 }

    /// `INSERT INTO table (columns) VALUES`, before the rows.
    let head: String
    /// Appends one row's values, separated by ", ", without the parentheses.
    let values: @Sendable (Row, inout PostgresQuery.StringInterpolation) throws -> Void

    /// Inserts `rows` in as few statements as the chunk size allows; nothing for none.
    func insert(_ rows: [Row], in session: PostgresSession) async throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + Self.rowsPerStatement, rows.endIndex)
            var sql = PostgresQuery.StringInterpolation(literalCapacity: head.utf8.count + 8 * (end - start), interpolationCount: 0)
            sql.appendLiteral(head)
            for index in start..<end {
                sql.appendLiteral(index == start ? " (" : ", (")
                try values(rows[index], &sql)
                sql.appendLiteral(")")
            }
            try await session.execute(PostgresQuery(stringInterpolation: sql))
            start = end
        }
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
