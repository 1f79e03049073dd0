import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks disable W`.
struct WebhooksDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable a webhook: nothing is sent to it until it is enabled.",
        discussion: """
            Events it would have received are kept as skipped deliveries, so nothing is lost. \
            The reason is shown by `webhooks get` and `webhooks list`.

            Examples:
              hookctl webhooks disable crm-sync
              hookctl webhooks disable crm-sync --reason "CRM maintenance until Monday"
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("Why, kept with the webhook (default: disabled by operator).", valueName: "text"))
    var reason: String?

    func run() async throws {
        let params = WebhookDisableParams(webhook: webhook, reason: reason)
        try await globals.callAndPrint(.webhooksDisable, params, as: WebhookView.self) {
            "Disabled webhook \(WebhookPresentation.qualifiedName($0)): \($0.disabledReason ?? "disabled by operator")."
        }
    }
}
