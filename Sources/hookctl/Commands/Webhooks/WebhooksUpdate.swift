import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks update W`.
struct WebhooksUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change some of a webhook's settings.",
        discussion: """
            Only the options given change; everything else stays. --events replaces the whole \
            list, --header replaces all extra headers and --remove-header drops one, \
            --label sets one label (the others stay) and --remove-label drops one, \
            --description "" clears the description, the --signature-* options replace the whole \
            signature setting. Use `webhooks enable` and `webhooks disable` to change the status.

            Examples:
              hookctl webhooks update crm-sync --url https://crm.example.com/v2/hooks
              hookctl webhooks update acc_12345/crm-sync --events 'customer.*' \\
                  --retry 30s,5m --timeout 5s
              hookctl webhooks update ledger --ordering fifo
              hookctl webhooks update crm-sync --signature-scheme hmac-sha256 \\
                  --signature-encoding base64
              hookctl webhooks update crm-sync --signature-scheme standard-webhooks
              hookctl webhooks update crm-sync --label team=sales --remove-label tier
              hookctl webhooks update crm-sync --remove-header X-Team
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

    @Option(help: ArgumentHelp("An extra header to stop sending; repeat for more.", valueName: "name"))
    var removeHeader: [String] = []

    @Option(help: ArgumentHelp("A label to remove; repeat for more.", valueName: "key"))
    var removeLabel: [String] = []

    func validate() throws {
        let nothing =
            url == nil && events.isEmpty && settings.retry == nil && settings.timeout == nil && settings.rateLimit == nil
            && settings.ordering == nil && settings.headers.isEmpty && settings.description == nil
            && settings.signature == nil && settings.filter == nil
            && settings.labels.isEmpty && removeHeader.isEmpty && removeLabel.isEmpty
        if nothing {
            throw ValidationError(
                "nothing to update: give at least one of --url, --events, --retry, --timeout, --rate-limit, --ordering, "
                    + "--header, --remove-header, --label, --remove-label, --description, --signature-scheme, --filter")
        }
        if !settings.headers.isEmpty && !removeHeader.isEmpty {
            throw ValidationError("--header replaces every extra header; give it without --remove-header")
        }
    }

    func run() async throws {
        let patterns = ListArguments.commaSeparated(events)
        var params = WebhookUpdateParams(
            webhook: webhook, url: url, events: patterns.isEmpty ? nil : patterns, retry: settings.retryDelays,
            timeout: settings.timeout, rateLimit: settings.rateLimitSetting, ordering: settings.orderingSetting,
            headers: try settings.headerMap(), signature: settings.signature, filter: try settings.filterSetting(),
            description: settings.description)
        let setLabels = try settings.labelMap() ?? [:]
        let updated = try await globals.withDaemon { session in
            // Removing headers and changing some labels start from the webhook as it is now.
            if !removeHeader.isEmpty || !setLabels.isEmpty || !removeLabel.isEmpty {
                let current = try await session.call(.webhooksGet, WebhookRefParams(webhook: webhook), as: WebhookView.self)
                if !removeHeader.isEmpty {
                    params.headers = try Self.removing(removeHeader, from: current.headers, what: "header", webhook: webhook)
                }
                if !setLabels.isEmpty || !removeLabel.isEmpty {
                    let kept = try Self.removing(removeLabel, from: current.labels, what: "label", webhook: webhook)
                    params.labels = kept.merging(setLabels) { _, new in new }
                }
            }
            return try await session.call(.webhooksUpdate, params, as: WebhookView.self)
        }
        try globals.printer.print(updated) {
            "Updated webhook \(WebhookPresentation.qualifiedName($0)).\n\n" + WebhookPresentation.detail($0)
        }
    }

    /// `values` without `names` (header names compare case-insensitively); naming one the
    /// webhook does not have is an error, with the closest it has.
    static func removing(
        _ names: [String], from values: [String: String], what: String, webhook: String
    ) throws -> [String: String] {
        var remaining = values
        for name in names {
            let match = what == "header" ? values.keys.first { $0.lowercased() == name.lowercased() } : values[name].map { _ in name }
            guard let match else {
                throw CLIError(
                    "webhook \(webhook) has no \(what) \"\(name)\"" + NameSuggestion.hint(for: name, among: values.keys.sorted()))
            }
            remaining[match] = nil
        }
        return remaining
    }
}
