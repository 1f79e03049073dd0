import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks delete W`.
struct WebhooksDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a webhook and its delivery history.",
        discussion: """
            Asks "Delete webhook ACCOUNT/NAME and its delivery history? [y/N]" on a terminal. \
            Without a terminal (scripts, CI) it refuses unless --yes is given.

            Examples:
              hookctl webhooks delete crm-sync
              hookctl webhooks delete acc_12345/crm-sync --yes
            """,
        aliases: ["rm"])

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var confirmation: ConfirmationOptions

    @Argument(help: .webhookReference)
    var webhook: String

    func run() async throws {
        try Confirmation.requireAskable(confirmed: confirmation.yes, action: "delete webhook \(webhook)")
        let result = try await globals.withDaemon { daemon in
            let found = try await daemon.call(.webhooksGet, WebhookRefParams(webhook: webhook), as: WebhookView.self)
            let qualified = WebhookPresentation.qualifiedName(found)
            try Confirmation.ask("Delete webhook \(qualified) and its delivery history?", confirmed: confirmation.yes)
            return try await daemon.call(.webhooksDelete, WebhookRefParams(webhook: qualified), as: DeletedResult.self)
        }
        try globals.printer.print(result) { "Deleted webhook \($0.name) and its delivery history." }
    }
}
