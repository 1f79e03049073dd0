import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl deliveries list`.
struct DeliveriesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List deliveries, newest first.",
        discussion: """
            LAST is the last attempt's status code or failure; NEXT ATTEMPT is when a pending \
            or scheduled delivery is tried again.

            Examples:
              hookctl deliveries list
              hookctl deliveries list --webhook acc_12345/crm-sync --status scheduled
              hookctl deliveries list --event evt_01JF3Q8Z6W5N9X2C4V7B8M1K0P -o json
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only deliveries to this webhook (NAME or ACCOUNT/NAME).", valueName: "webhook"))
    var webhook: String?

    @Option(
        help: ArgumentHelp(
            "Only deliveries with this status: \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Only deliveries of this event.", valueName: "event-id"))
    var event: String?

    @Option(help: ArgumentHelp("At most this many (1-1000; default 50).", valueName: "n"))
    var limit: Int?

    func run() async throws {
        let params = DeliveryListParams(webhook: webhook, status: status, event: event, limit: limit)
        try await globals.callAndPrint(.deliveriesList, params, as: [Delivery].self) {
            DeliveryPresentation.table($0)
        }
    }
}
