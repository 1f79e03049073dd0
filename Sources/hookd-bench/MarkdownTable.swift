import Foundation

/// A Markdown table as docs/benchmarks.md holds them: a header, a rule, one row per run.
struct MarkdownTable {
    var columns: [String]
    var rows: [[String]] = []

    /// The table's text, one line per row.
    var text: String {
        ([columns, columns.map { _ in "---" }] + rows).map { "| " + $0.joined(separator: " | ") + " |" }
            .joined(separator: "\n")
    }

    /// A rate with no decimals (`25104`).
    static func rate(_ value: Double) -> String { String(format: "%.0f", value) }

    /// A ratio with two decimals (`0.87`), or two significant digits below 0.1 (`0.0073`).
    static func ratio(_ value: Double) -> String { String(format: value >= 0.1 ? "%.2f" : "%.2g", value) }

    /// Milliseconds with one decimal (`3.4`).
    static func milliseconds(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The command that produced a row, in backticks.
    static func command(_ text: String) -> String { "`hookd-bench \(text)`" }
}
