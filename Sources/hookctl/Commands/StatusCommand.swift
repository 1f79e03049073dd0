import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl status`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the daemon is running and how much it holds.",
        discussion: """
            Prints hookd's version, socket, data directory and uptime, the number of accounts, \
            event types, webhooks and events, deliveries by status, and the delivery queue.

            Examples:
              hookctl status
              hookctl status -o json
            """)

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        try await globals.callAndPrint(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self) {
            StatusPresentation.detail($0)
        }
    }
}
