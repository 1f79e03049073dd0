import Foundation

/// How wide tables may be: the terminal's width, or `COLUMNS` when set; `nil` (no limit) for
/// output that is not a terminal, so scripts get every column whole.
enum TerminalWidth {
    /// The width for this process's stdout.
    static let current: Int? = width(
        columns: ProcessInfo.processInfo.environment["COLUMNS"], terminal: terminalColumns())

    /// `COLUMNS` when it is a positive number, else the terminal's width.
    static func width(columns: String?, terminal: Int?) -> Int? {
        if let columns, let value = Int(columns), value > 0 { return value }
        return terminal
    }

    private static func terminalColumns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
