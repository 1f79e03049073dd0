import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks secret W`.
struct WebhooksSecret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secret",
        abstract: "Print a webhook's signing secret.",
        discussion: """
            Prints only the whsec_... secret, so it can be captured; -o json gives \
            {"webhook": ACCOUNT/NAME, "secret": ...}. The receiver verifies signatures with it.

            Examples:
              hookctl webhooks secret crm-sync
              export CRM_WEBHOOK_SECRET="$(hookctl webhooks secret acc_12345/crm-sync)"
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    func run() async throws {
        try await globals.callAndPrint(
            .webhooksGetSecret, WebhookRefParams(webhook: webhook), as: WebhookSecretResult.self
        ) {
            $0.secret
        }
    }
}
