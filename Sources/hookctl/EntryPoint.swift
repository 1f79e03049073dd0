import ArgumentParser
import Foundation

/// Parses the command line and runs the command, reporting every failure as hookctl's own
/// one-line message with exit status 1.
///
/// Written out instead of `AsyncParsableCommand.main()` for two reasons: global options
/// written before the command are moved after it first, and usage errors exit with 1 like
/// every other error (argument-parser's default is 64): hookctl's exit codes are 0, 1 and
/// 2 (`diff`: changes; `webhooks test-filter`: filtered out).
@main
enum EntryPoint {
    static func main() async {
        let arguments = GlobalOptionHoisting.reorder(Array(CommandLine.arguments.dropFirst()), root: Hookctl.self)
        if let unknown = UnknownCommand.check(arguments, root: Hookctl.self) {
            exit(reporting: unknown)
        }
        do {
            var command = try await Hookctl.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error)
        }
    }

    private static func exit(reporting error: any Error) -> Never {
        if let lines = CLIErrorReporter.lines(for: error) {
            CLIErrorReporter.print(lines)
            Foundation.exit(ExitCode.failure.rawValue)
        }
        let code = Hookctl.exitCode(for: error)
        let message = Hookctl.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            Foundation.exit(ExitCode.success.rawValue)
        }
        if !message.isEmpty { CLIErrorReporter.print([message]) }
        Foundation.exit(code == .validationFailure ? ExitCode.failure.rawValue : code.rawValue)
    }
}
