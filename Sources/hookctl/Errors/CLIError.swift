/// A failure `hookctl` finds on its own, before or around a call: bad local input, a refused
/// confirmation, a daemon that cannot be reached.
///
/// Printed as `hookctl: <message>` followed by the detail lines; the exit code is 1.
struct CLIError: Error, Sendable, CustomStringConvertible {
    /// One sentence for the operator.
    var message: String
    /// Further lines printed under the message, already indented.
    var details: [String]

    init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    var description: String { message }
}
