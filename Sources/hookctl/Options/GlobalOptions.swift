import ArgumentParser
import Foundation
import HookdAPI
import HookdRPC

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
        name: .long,
        help: ArgumentHelp(
            "Trust a socket owned by this user (name or uid) besides yourself and root: the account hookd runs as "
                + "(env HOOKD_SOCKET_OWNER). hookctl refuses any other owner's socket.",
            valueName: "user"))
    var socketOwner: String?

    @Option(
        name: [.customShort("o", allowingJoined: true), .customLong("output")],
        help: ArgumentHelp("Output format: table, json or yaml.", valueName: "format"))
    var output: OutputFormat = .table

    /// The socket to connect to, and how it was chosen.
    var socketLocation: SocketLocation {
        SocketLocation(flag: socket, environment: ProcessInfo.processInfo.environment)
    }

    /// The uid `--socket-owner` (or `HOOKD_SOCKET_OWNER`) names, if any.
    func trustedSocketOwner() throws -> uid_t? {
        let environment = ProcessInfo.processInfo.environment["HOOKD_SOCKET_OWNER"].flatMap { $0.isEmpty ? nil : $0 }
        guard let name = socketOwner ?? environment else { return nil }
        do {
            return try SocketOwner.uid(named: name)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Prints results in the chosen format.
    var printer: OutputPrinter { OutputPrinter(format: output) }
}
