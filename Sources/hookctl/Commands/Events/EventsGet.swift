import ArgumentParser
import HookdAPI
import HookdRPC

/// `hookctl events get ID`.
struct EventsGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show an event, its data and its deliveries.",
        discussion: """
            Example:
              hookctl events get evt_01JF3Q8Z6W5N9X2C4V7B8M1K0P
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The event's id.", valueName: "event-id"))
    var id: String

    func run() async throws {
        try await globals.callAndPrint(.eventsGet, IdParams(id: id), as: EventDetail.self) {
            EventPresentation.detail($0)
        }
    }
}
