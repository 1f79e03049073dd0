import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks enable W`.
struct WebhooksEnable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable a webhook: new events are delivered to it again.",
        discussion: """
            Events published while it was disabled stay as skipped deliveries.

            Example:
              hookctl webhooks enable crm-sync
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    func run() async throws {
        try await globals.callAndPrint(.webhooksEnable, WebhookRefParams(webhook: webhook), as: WebhookView.self) {
            "Enabled webhook \(WebhookPresentation.qualifiedName($0))."
        }
    }
}
