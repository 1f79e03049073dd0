import Foundation

/// Asks the operator before something irreversible, the way package managers do.
enum Confirmation {
    /// Whether a person can answer: standard input is a terminal.
    static var canAsk: Bool { isatty(STDIN_FILENO) == 1 }

    /// Fails before anything is sent when there is nobody to ask and `--yes` was not given.
    static func requireAskable(confirmed: Bool, action: String) throws(CLIError) {
        guard !confirmed, !canAsk else { return }
        throw CLIError(
            "refusing to \(action) without confirmation: standard input is not a terminal; pass --yes to confirm")
    }

    /// Asks `question [y/N]` on the terminal unless `--yes` was given; anything but `y` or
    /// `yes` cancels.
    static func ask(_ question: String, confirmed: Bool) throws(CLIError) {
        if confirmed { return }
        FileHandle.standardError.write(Data("\(TerminalText.escaped(question)) [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else { throw CLIError("cancelled; nothing was deleted") }
    }
}
