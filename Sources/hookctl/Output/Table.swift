/// Rows under a header of capitalised column names, each column as wide as its widest cell,
/// columns three spaces apart (kubectl's layout).
struct Table: Sendable {
    /// Column headers, printed in capitals.
    var columns: [String]
    var rows: [[String]] = []

    init(_ columns: String...) {
        self.columns = columns.map { $0.uppercased() }
    }

    /// Adds a row; missing cells print as empty, newlines in a cell as spaces.
    mutating func append(_ cells: [String]) {
        rows.append(cells.map { $0.replacing("\r\n", with: " ").replacing("\n", with: " ") })
    }

    /// The table as lines without trailing spaces.
    func render() -> String {
        let all = [columns] + rows
        let widths = columns.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            var line = ""
            for column in columns.indices {
                let cell = row.indices.contains(column) ? row[column] : ""
                let isLast = column == columns.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 3)
            }
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }
}

/// Shortening for table cells.
enum CellText {
    /// `text` cut to `limit` characters, with `…` marking the cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        let single = text.replacing("\n", with: " ")
        guard single.count > limit else { return single }
        return String(single.prefix(limit - 1)) + "…"
    }

    /// `-` for a missing value, so columns never look shifted.
    static func orDash(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return text
    }
}
