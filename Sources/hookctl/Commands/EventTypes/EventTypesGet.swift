import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl event-types get T`.
struct EventTypesGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show one event type with its schema and example.",
        discussion: """
            Example:
              hookctl event-types get customer.created
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The event type, e.g. customer.created.", valueName: "type"))
    var name: String

    func run() async throws {
        try await globals.callAndPrint(.eventTypesGet, NameParams(name: name), as: EventType.self) {
            EventTypePresentation.detail($0)
        }
    }
}
