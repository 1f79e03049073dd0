import Foundation

/// Writes whole blocks of text straight to standard output, unbuffered, so whoever reads it
/// (a terminal, a pipe, a test's log file) sees each request as soon as it is printed.
struct StandardOutputLines: Sendable {
    /// Writes `text` followed by a line break.
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
