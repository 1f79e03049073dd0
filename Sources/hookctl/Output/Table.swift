/// Rows under a header of capitalised column names, each column as wide as its widest cell,
/// columns three spaces apart (kubectl's layout), fitted to the terminal's width.
///
/// A table wider than ``TerminalWidth`` first cuts the cells of its free-text columns
/// (``fit(cutting:leavingOut:)``) down to their narrowest, then leaves out its least
/// important columns; identifiers are never cut.
struct Table: Sendable {
    /// Column headers, printed in capitals.
    var columns: [String]
    var rows: [[String]] = []
    /// Columns whose cells may be cut with `…`, with the narrowest each may get.
    private var cuttable: [Int: Int] = [:]
    /// Columns that may be left out, the first left out first.
    private var droppable: [Int] = []

    init(_ columns: String...) {
        self.columns = columns.map { $0.uppercased() }
    }

    /// Adds a row; missing cells print as empty, newlines in a cell as spaces, and invisible
    /// characters escaped (``TerminalText``) before the columns are measured, so an escaped
    /// cell does not push the columns after it out of line.
    mutating func append(_ cells: [String]) {
        rows.append(cells.map { TerminalText.escaped($0.replacing("\r\n", with: " ").replacing("\n", with: " ")) })
    }

    /// Says how the table may shrink: `cutting` free-text columns (by header) down to a
    /// narrowest width, then `leavingOut` columns, first named first.
    mutating func fit(cutting: KeyValuePairs<String, Int> = [:], leavingOut: [String] = []) {
        for (name, narrowest) in cutting {
            if let index = columns.firstIndex(of: name.uppercased()) { cuttable[index] = max(narrowest, 2) }
        }
        droppable = leavingOut.compactMap { columns.firstIndex(of: $0.uppercased()) }
    }

    /// The table as lines without trailing spaces, at most `width` wide when it can be.
    func render(width: Int? = TerminalWidth.current) -> String {
        let all = [columns] + rows
        var widths = columns.indices.map { column in
            all.map { $0.indices.contains(column) ? TerminalStyle.visibleCount($0[column]) : 0 }.max() ?? 0
        }
        var shown = Array(columns.indices)
        if let width {
            func total() -> Int { shown.map { widths[$0] }.reduce(0, +) + 3 * max(0, shown.count - 1) }
            // Cut the widest free-text column first, never below its narrowest.
            while total() > width,
                let widest = shown.filter({ column in cuttable[column].map { widths[column] > $0 } ?? false })
                    .max(by: { widths[$0] < widths[$1] })
            {
                widths[widest] = max(cuttable[widest] ?? widths[widest], widths[widest] - (total() - width))
            }
            for column in droppable where total() > width {
                shown.removeAll { $0 == column }
            }
        }
        return all.map { row in
            var line = ""
            for (position, column) in shown.enumerated() {
                var cell = row.indices.contains(column) ? row[column] : ""
                if TerminalStyle.visibleCount(cell) > widths[column] {
                    cell = CellText.truncated(TerminalStyle.plain(cell), to: widths[column])
                }
                let isLast = position == shown.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: widths[column] - TerminalStyle.visibleCount(cell) + 3)
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
