import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl event-types list`.
struct EventTypesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the event catalog.",
        discussion: """
            Examples:
              hookctl event-types list
              hookctl event-types list -o yaml
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        try await globals.callAndPrint(.eventTypesList, EmptyParams(), as: [EventType].self) {
            EventTypePresentation.table($0)
        }
    }
}
