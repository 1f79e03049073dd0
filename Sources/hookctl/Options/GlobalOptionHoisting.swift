import ArgumentParser

/// Lets the global options stand before the command (`hookctl --socket S webhooks list`), as
/// kubectl users write them, by moving them after the command path before parsing.
///
/// Only the words up to the end of the command path are looked at: global options there
/// move to the end, everything after the path stays where it is, so an option value that
/// happens to read `-o` is never touched.
enum GlobalOptionHoisting {
    /// `arguments` (without the program name) with leading global options moved after the
    /// command path. With no command at all they are dropped, so the root prints its help.
    static func reorder(_ arguments: [String], root: any ParsableCommand.Type) -> [String] {
        var path: [String] = []
        var globals: [String] = []
        var command = root
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if let width = globalOptionWidth(arguments, at: index) {
                globals += arguments[index..<index + width]
                index += width
            } else if let child = subcommand(of: command, named: word) {
                path.append(word)
                command = child
                index += 1
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        guard !path.isEmpty else { return rest }
        return path + rest + globals
    }

    /// How many words the global option at `index` spans (1 for `--socket=PATH` and `-ojson`,
    /// 2 for `--socket PATH`), or `nil` when the word is not a global option.
    static func globalOptionWidth(_ arguments: [String], at index: Int) -> Int? {
        let word = arguments[index]
        for name in ["--socket", "--socket-owner", "--output", "-o"] {
            if word == name { return index + 1 < arguments.endIndex ? 2 : 1 }
            if word.hasPrefix(name + "=") { return 1 }
        }
        // `-ojson`: the short name joined to its value.
        if word.hasPrefix("-o"), !word.hasPrefix("--"), word.count > 2 { return 1 }
        return nil
    }

    /// The subcommand of `command` called `name` (or one of its aliases).
    private static func subcommand(
        of command: any ParsableCommand.Type, named name: String
    )
        -> (any ParsableCommand.Type)?
    {
        command.configuration.subcommands.first { child in
            child.configuration.commandName == name || child.configuration.aliases.contains(name)
        }
    }
}
