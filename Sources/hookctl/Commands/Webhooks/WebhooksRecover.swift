import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks recover W --since T [--until T] [--dry-run]`.
struct WebhooksRecover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Re-send what a webhook missed: its failed and skipped deliveries of a time window.",
        discussion: """
            Finds the webhook's deliveries created in the window that failed (every attempt \
            failed) or were skipped (the webhook was disabled), says how many, and queues \
            each for one more attempt, oldest first, recorded with trigger "recover". \
            --dry-run only counts. Times are a duration back from now (2h, 30m) or an ISO \
            8601 time. Enable the webhook first.

            Examples:
              hookctl webhooks recover crm-sync --since 2h --dry-run
              hookctl webhooks recover acc_12345/crm-sync \\
                  --since 2026-11-28T22:00:00Z --until 1h
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("Start of the window: a duration back from now or an ISO 8601 time.", valueName: "time"))
    var since: String

    @Option(help: ArgumentHelp("End of the window (default: now).", valueName: "time"))
    var until: String?

    @Flag(help: "Only count what would be re-sent.")
    var dryRun = false

    func run() async throws {
        let params = WebhookRecoverParams(webhook: webhook, since: since, until: until, dryRun: dryRun)
        try await globals.callAndPrint(.webhooksRecover, params, as: WebhookRecoverResult.self) { result in
            let window = "\(Timestamp.format(result.since)) to \(Timestamp.format(result.until))"
            let deliveries = Plural.count(result.deliveries.count, "delivery", "deliveries")
            let counts = "\(deliveries) (\(result.failed) failed, \(result.skipped) skipped)"
            return result.dryRun
                ? "Would re-send \(counts) to \(result.webhook), created \(window)."
                : "Re-sending \(counts) to \(result.webhook), created \(window), oldest first.\n"
                    + "Follow them: hookctl deliveries list --webhook \(result.webhook)"
        }
    }
}
