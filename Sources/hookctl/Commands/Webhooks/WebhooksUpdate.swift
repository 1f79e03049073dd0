import ArgumentParser
import HookdRPC

/// `hookctl webhooks update W`.
struct WebhooksUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some of a webhook's settings.",
        discussion: """
            Only the options given change; everything else stays. --events replaces the whole \
            list, --header replaces all extra headers, --description "" clears the description, \
            the --signature-* options replace the whole signature setting. \
            Use `webhooks enable` and `webhooks disable` to change the status.

            Examples:
              hookctl webhooks update crm-sync --url https://crm.example.com/v2/hooks
              hookctl webhooks update acc_12345/crm-sync --events 'customer.*' \\
                  --retry 30s,5m --timeout 5s
              hookctl webhooks update ledger --ordering fifo
              hookctl webhooks update crm-sync --signature-scheme hmac-sha256 --signature-encoding base64
              hookctl webhooks update crm-sync --signature-scheme standard-webhooks
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("The new URL.", valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp(
            "The new event-type patterns, comma-separated or repeated (replaces the list).", valueName: "patterns"))
    var events: [String] = []

    @OptionGroup var settings: WebhookSettingsOptions

    func validate() throws {
        let nothing =
            url == nil && events.isEmpty && settings.retry == nil && settings.timeout == nil && settings.rateLimit == nil
            && settings.ordering == nil && settings.headers.isEmpty && settings.description == nil
            && settings.signature == nil && settings.filter == nil
        if nothing {
            throw ValidationError(
                "nothing to update: give at least one of --url, --events, --retry, --timeout, --rate-limit, --ordering, "
                    + "--header, --description, --signature-scheme, --filter")
        }
    }

    func run() async throws {
        let patterns = ListArguments.commaSeparated(events)
        let params = WebhookUpdateParams(
            webhook: webhook, url: url, events: patterns.isEmpty ? nil : patterns, retry: settings.retryDelays,
            timeout: settings.timeout, rateLimit: settings.rateLimitSetting, ordering: settings.orderingSetting,
            headers: try settings.headerMap(), signature: settings.signature, filter: try settings.filterSetting(),
            description: settings.description)
        try await globals.callAndPrint(.webhooksUpdate, params, as: WebhookView.self) {
            "Updated webhook \(WebhookPresentation.qualifiedName($0)).\n\n" + WebhookPresentation.detail($0)
        }
    }
}
