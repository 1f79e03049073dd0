import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl deliveries redeliver ID`.
struct DeliveriesRedeliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Send an ended delivery once more, now.",
        discussion: """
            Works on delivered, failed and skipped deliveries; the webhook must be enabled. \
            The delivery gets one more attempt, recorded with trigger "manual", with the same \
            webhook-id and body as before, so receivers that dedupe on webhook-id see a repeat.

            Example:
              hookctl deliveries redeliver dlv_01JF3Q8Z6W5N9X2C4V7B8M1K0P
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The delivery's id (dlv_...).", valueName: "delivery-id"))
    var id: String

    func run() async throws {
        try await globals.callAndPrint(.deliveriesRedeliver, IdParams(id: id), as: Delivery.self) {
            "Queued delivery \($0.id) to \($0.account)/\($0.webhookName) for another attempt.\nFollow it: hookctl deliveries get \($0.id)"
        }
    }
}
