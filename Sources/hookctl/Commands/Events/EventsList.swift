import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl events list`.
struct EventsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List published events, newest first.",
        discussion: """
            Examples:
              hookctl events list
              hookctl events list --account acc_12345 --type customer.created \\
                  --limit 10 -o json
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only this account's events.", valueName: "account"))
    var account: String?

    @Option(help: ArgumentHelp("Only events of this type.", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("At most this many (1-1000; default 50).", valueName: "n"))
    var limit: Int?

    func run() async throws {
        let params = EventListParams(account: account, type: type, limit: limit)
        try await globals.callAndPrint(.eventsList, params, as: [Event].self) {
            EventPresentation.table($0)
        }
    }
}
