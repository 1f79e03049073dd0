import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks list`.
struct WebhooksList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List webhooks with their URL, status and how many event types each receives.",
        discussion: """
            EVENT COUNT is how many of the catalog's event types the webhook receives: its \
            exact names, what its family patterns match, and for * every platform event type, \
            shown as `N (all)`.

            Examples:
              hookctl webhooks list
              hookctl webhooks list --account acc_12345 -o json
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only this account's webhooks.", valueName: "account"))
    var account: String?

    func run() async throws {
        let (webhooks, catalog) = try await globals.withDaemon { session in
            (
                try await session.call(.webhooksList, WebhookListParams(account: account), as: [WebhookView].self),
                try await session.call(.eventTypesList, EmptyParams(), as: [EventType].self).map(\.name)
            )
        }
        try globals.printer.print(webhooks) { WebhookPresentation.table($0, catalog: catalog, account: account) }
    }
}
