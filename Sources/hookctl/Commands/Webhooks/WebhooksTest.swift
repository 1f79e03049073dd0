import ArgumentParser
import HookdCore
import HookdRPC

/// `hookctl webhooks test W`.
struct WebhooksTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a sample event to one webhook.",
        discussion: """
            Sends a hookd.ping event, or with --event the catalog type's example data, to this \
            webhook only, whatever it subscribes to. It is signed and retried like any \
            delivery; follow it with `hookctl deliveries get ID`.

            Examples:
              hookctl webhooks test crm-sync
              hookctl webhooks test crm-sync --event customer.created
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("Send this event type with its example data instead of hookd.ping.", valueName: "type"))
    var event: String?

    func run() async throws {
        let params = WebhookTestParams(webhook: webhook, eventType: event)
        try await globals.callAndPrint(.webhooksTest, params, as: WebhookTestResult.self) { result in
            let (event, delivery) = (result.event, result.delivery)
            return """
                Sent test event \(event.id) (\(event.type)) to \(delivery.account)/\(delivery.webhookName).
                Delivery: \(delivery.id) (\(delivery.status.rawValue))
                See how it went: hookctl deliveries get \(delivery.id)
                """
        }
    }
}
