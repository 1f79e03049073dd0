import ArgumentParser
import HookdRPC

/// `hookctl webhooks list`.
struct WebhooksList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List webhooks with their URL, status and number of subscribed event patterns.",
        discussion: """
            EVENT COUNT counts the webhook's event patterns; `all` means it subscribes to *.

            Examples:
              hookctl webhooks list
              hookctl webhooks list --account acc_12345 -o json
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only this account's webhooks.", valueName: "account"))
    var account: String?

    func run() async throws {
        try await globals.callAndPrint(.webhooksList, WebhookListParams(account: account), as: [WebhookView].self) {
            WebhookPresentation.table($0, account: account)
        }
    }
}
