import ArgumentParser
import HookdCore

/// Finds a misspelt command word before argument-parser does, so `hookctl webhook list`
/// names the command meant instead of reporting "2 unexpected arguments".
enum UnknownCommand {
    /// The error for the first word of `arguments` (global options already moved after the
    /// command path) that stands where a subcommand must and names none; `nil` otherwise.
    static func check(_ arguments: [String], root: any ParsableCommand.Type) -> CLIError? {
        var command = root
        var path = [root.configuration.commandName ?? "hookctl"]
        for word in arguments {
            let children = command.configuration.subcommands
            guard !children.isEmpty, command.configuration.defaultSubcommand == nil,
                !word.hasPrefix("-"), word != "help"
            else { return nil }
            guard let child = children.first(where: { names(of: $0).contains(word) }) else {
                let known = children.compactMap { $0.configuration.commandName }
                let prefix = path.joined(separator: " ")
                if let meant = NameSuggestion.closest(to: word, among: children.flatMap { names(of: $0) }) {
                    return CLIError("unknown command \"\(word)\" for \"\(prefix)\" (did you mean \"\(prefix) \(meant)\"?)")
                }
                return CLIError(
                    "unknown command \"\(word)\" for \"\(prefix)\"; its commands are \(known.joined(separator: ", ")) "
                        + "(see \(prefix) --help)")
            }
            command = child
            path.append(word)
        }
        return nil
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        (command.configuration.commandName.map { [$0] } ?? []) + command.configuration.aliases
    }
}
