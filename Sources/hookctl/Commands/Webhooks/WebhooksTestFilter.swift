import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks test-filter W --data FILE`.
struct WebhooksTestFilter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-filter",
        abstract: "Say whether the webhook's filter would let an event with this data through, and why.",
        discussion: """
            Evaluates the webhook's payload filter on the given event data exactly as hookd \
            does when an event is published; nothing is stored or sent. Exits 0 when the event \
            would be delivered, 2 when the filter keeps it out, 1 on an error.

            Examples:
              hookctl webhooks test-filter engagement --data transaction.json
              hookctl webhooks test-filter engagement \\
                  --data '{"amount": 150, "card": {"type": "apple"}}'
              cat data.json | hookctl webhooks test-filter engagement --data -
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(
        help: ArgumentHelp(
            "The event's data: a JSON file, - for standard input, or the JSON object itself.", valueName: "file"))
    var data: String

    /// Exit status when the filter keeps the event out.
    static let filteredOutStatus: Int32 = 2

    func run() async throws {
        let source: InputSource =
            data.hasPrefix("{") ? .inline(data) : InputSource(fileArgument: data.hasPrefix("@") ? String(data.dropFirst()) : data)
        let payload = try JSONArgument.parseObject(source, option: "--data")
        let params = WebhookTestFilterParams(webhook: webhook, data: payload)
        let result = try await globals.withDaemon {
            try await $0.call(.webhooksTestFilter, params, as: WebhookTestFilterResult.self)
        }
        try globals.printer.print(result) { result in
            (result.matches ? "Sent: " : "Filtered out: ") + "\(result.webhook): \(result.reason)."
        }
        if !result.matches { throw ExitCode(Self.filteredOutStatus) }
    }
}
