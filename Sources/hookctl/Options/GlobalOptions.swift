import ArgumentParser
import Foundation

/// The options every command takes: where the daemon is and how to print what it says.
///
/// Declared on each leaf command through `@OptionGroup`; `GlobalOptionHoisting` moves them
/// there when they are written before the command, as kubectl users do.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Path of hookd's Unix socket (env HOOKD_SOCKET; default $HOOKD_DATA_DIR/hookd.sock, "
                + "else ./.hookd/hookd.sock).",
            valueName: "path"))
    var socket: String?

    @Option(
        name: [.customShort("o", allowingJoined: true), .customLong("output")],
        help: ArgumentHelp("Output format: table, json or yaml.", valueName: "format"))
    var output: OutputFormat = .table

    /// The socket to connect to, and how it was chosen.
    var socketLocation: SocketLocation {
        SocketLocation(flag: socket, environment: ProcessInfo.processInfo.environment)
    }

    /// Prints results in the chosen format.
    var printer: OutputPrinter { OutputPrinter(format: output) }
}
