import ArgumentParser
import HookdAPI

/// `hookctl openrpc`: the socket API this hookctl was built against, as the OpenRPC
/// document `rpc.discover` serves; `scripts/generate-openrpc` writes it to
/// `schemas/openrpc.json`.
struct OpenRPCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openrpc",
        abstract: "Print the socket API this hookctl speaks, as an OpenRPC 1.3 document.",
        discussion: """
            The same document a running hookd serves from rpc.discover, derived from the \
            method descriptors this hookctl was built with; no daemon is needed.

            Example:
              hookctl openrpc | jq '.methods[] | {name, role: ."x-hookd-role"}'
            """)

    func run() throws {
        print(try OpenRPCDocument.text(), terminator: "")
    }
}
