import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks rotate-secret W [--grace 24h]`.
struct WebhooksRotateSecret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-secret",
        abstract: "Give a webhook a new signing secret, keeping the old one valid for a grace period.",
        discussion: """
            From now on deliveries are signed with the new secret; during the grace period \
            (default 24h, at most 30d, 0s for none) they also carry a signature made with the \
            old one, space-separated in webhook-signature as Standard Webhooks allows, so the \
            receiver can switch secrets without missing a delivery. The new secret is shown \
            only by `hookctl webhooks secret`.

            Examples:
              hookctl webhooks rotate-secret crm-sync
              hookctl webhooks rotate-secret acc_12345/crm-sync --grace 1h
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("How long the old secret keeps signing too.", valueName: "duration"))
    var grace: String?

    @Option(help: ArgumentHelp("Use this whsec_ secret instead of generating one.", valueName: "whsec_..."))
    var secret: String?

    func run() async throws {
        let params = WebhookRotateSecretParams(webhook: webhook, grace: grace, secret: secret)
        try await globals.callAndPrint(.webhooksRotateSecret, params, as: WebhookView.self) { view in
            let name = "\(view.account)/\(view.name)"
            let old =
                view.previousSecretExpiresAt.map { "The old secret also signs until \(Timestamp.format($0))." }
                ?? "The old secret no longer signs."
            return """
                Rotated the secret of \(name): now \(view.secretFingerprint).
                \(old)
                Get the new secret: hookctl webhooks secret \(name)
                """
        }
    }
}
