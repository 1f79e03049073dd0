import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl deliveries get ID`.
struct DeliveriesGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show a delivery with every attempt and the start of each response.",
        discussion: """
            The attempts table shows when each attempt started, how long it took, its result \
            (the HTTP status code, or the error class: timeout, connect, tls, dns, refused, \
            forbidden_address), the address it connected to (or the forbidden address it \
            refused) and what started it (its schedule, or an operator). The first lines of \
            each response body, or the failure, follow.

            Example:
              hookctl deliveries get dlv_01JF3Q8Z6W5N9X2C4V7B8M1K0P
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The delivery's id (dlv_...).", valueName: "delivery-id"))
    var id: String

    func run() async throws {
        try await globals.callAndPrint(.deliveriesGet, IdParams(id: id), as: DeliveryDetail.self) {
            DeliveryPresentation.detail($0)
        }
    }
}
