import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks get W`.
struct WebhooksGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show a webhook's whole configuration and its last delivery.",
        discussion: """
            Shows the URL, status (with the reason when disabled), events, retry schedule, \
            timeout, headers, description, labels, the secret's fingerprint (never the secret: \
            see `hookctl webhooks secret`), when it was created, and its newest delivery.

            Examples:
              hookctl webhooks get crm-sync
              hookctl webhooks get acc_12345/crm-sync -o yaml
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    func run() async throws {
        try await globals.callAndPrint(.webhooksGet, WebhookRefParams(webhook: webhook), as: WebhookView.self) {
            WebhookPresentation.detail($0)
        }
    }
}
