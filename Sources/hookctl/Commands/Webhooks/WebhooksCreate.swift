import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl webhooks create NAME`.
struct WebhooksCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a webhook.",
        discussion: """
            The daemon checks every field and reports all problems at once. Without --secret \
            it generates a signing secret; the secret is never printed here, only by \
            `hookctl webhooks secret NAME`.

            Examples:
              hookctl webhooks create crm-sync --account acc_12345 \\
                  --url https://crm.example.com/webhooks/loyalty \\
                  --events customer.created,customer.updated,transaction.completed \\
                  --retry 1m,5m,30m --timeout 10s --header 'X-Team: sales' \\
                  --description "Keeps the CRM in sync"
              hookctl webhooks create ledger --account acc_12345 \\
                  --url https://ledger.example.com/in --events 'transaction.*' \\
                  --ordering fifo
              hookctl webhooks create audit --account acc_12345 \\
                  --url https://audit.example.com/in --events '*' --disabled
              hookctl webhooks create bi --account acc_12345 \\
                  --url https://bi.example.com/in --events '*' \\
                  --signature-scheme hmac-sha256
              hookctl webhooks create gh-style --account acc_12345 \\
                  --url https://ci.example.com/hook --events reward.issued \\
                  --signature-scheme hmac-sha256 \\
                  --signature-header X-Hub-Signature-256 --signature-prefix sha256=
              hookctl webhooks create analytics --account acc_12345 \\
                  --url https://analytics.example.com/in --events '*' \\
                  --label team=data --label tier=gold
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The new webhook's name, unique within its account.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The owning account.", valueName: "account"))
    var account: String

    @Option(help: ArgumentHelp("Where deliveries are POSTed (https://...).", valueName: "url"))
    var url: String

    @Option(
        help: ArgumentHelp(
            "Event-type patterns to receive, comma-separated or repeated: exact names, family.* or *.",
            valueName: "patterns"))
    var events: [String] = []

    @Option(help: ArgumentHelp("The signing secret, whsec_<base64> (default: generated).", valueName: "secret"))
    var secret: String?

    @Flag(help: "Create it disabled: events are kept as skipped deliveries until it is enabled.")
    var disabled = false

    @OptionGroup var settings: WebhookSettingsOptions

    func validate() throws {
        guard !ListArguments.commaSeparated(events).isEmpty else {
            throw ValidationError(
                "give the event types to receive with --events, e.g. --events customer.created or --events '*'")
        }
    }

    func run() async throws {
        let params = WebhookCreateParams(
            account: account, name: name, url: url, events: ListArguments.commaSeparated(events), secret: secret,
            enabled: disabled ? false : nil, retry: settings.retryDelays, timeout: settings.timeout,
            rateLimit: settings.rateLimitSetting, ordering: settings.orderingSetting,
            headers: try settings.headerMap(), signature: settings.signature, filter: try settings.filterSetting(),
            description: settings.description, labels: try settings.labelMap())
        try await globals.callAndPrint(.webhooksCreate, params, as: WebhookView.self) {
            WebhookPresentation.created($0)
        }
    }
}
