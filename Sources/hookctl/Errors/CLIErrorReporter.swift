import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// Turns every error a command can end with into the lines the operator reads on stderr.
///
/// The one place where errors meet the terminal: commands just throw.
enum CLIErrorReporter {
    /// The lines to print for `error`, or `nil` when it is argument-parser's own (usage
    /// errors, help requests), which argument-parser prints itself.
    static func lines(for error: any Error) -> [String]? {
        switch error {
        case let error as CLIError:
            return ["hookctl: \(error.message)"] + error.details
        case let error as RPCRemoteError:
            return remoteErrorLines(error)
        case let error as RPCClientError:
            return ["hookctl: \(error.description)"]
        default:
            return nil
        }
    }

    /// `hookctl: <message>` and one `  - field: description` line per violation.
    ///
    /// hookd's message for bad input already ends with the violations joined by `; `; that
    /// tail is dropped from the headline so each violation is printed once, on its own line.
    static func remoteErrorLines(_ error: RPCRemoteError) -> [String] {
        let violations = error.data?.violations ?? []
        var headline = error.message
        let joined = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        if !violations.isEmpty, headline.hasSuffix(": " + joined), headline.count > joined.count + 2 {
            headline = String(headline.dropLast(joined.count + 2))
        }
        return ["hookctl: \(headline)"] + violations.map { "  - \($0.field): \($0.description)" }
    }

    /// Writes the lines to stderr, control characters escaped (messages quote names and
    /// values as they were sent).
    static func print(_ lines: [String]) {
        let text = lines.map(TerminalText.escaped).joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }
}
