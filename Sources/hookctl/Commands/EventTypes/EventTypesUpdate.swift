import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl event-types update T`.
struct EventTypesUpdate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change an event type's description, schema or example.",
        discussion: """
            Only the options given change. The daemon refuses a schema it cannot compile, and \
            an example (new or kept) that does not match the schema. From then on, every \
            published event's data is checked against the new schema.

            Examples:
              hookctl event-types update reward.issued --schema reward.schema.json
              hookctl event-types update reward.issued --schema reward.schema.json \\
                  --example reward.json
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The event type, e.g. customer.created.", valueName: "type"))
    var name: String

    @OptionGroup var content: EventTypeContentOptions

    func validate() throws {
        if content.isEmpty {
            throw ValidationError("give at least one of --description, --schema and --example")
        }
    }

    func run() async throws {
        let params = EventTypeUpdateParams(
            name: name, description: content.description, schema: try content.schemaValue(),
            example: try content.exampleValue())
        try await globals.callAndPrint(.eventTypesUpdate, params, as: EventType.self) {
            "Updated event type \($0.name).\n\n" + EventTypePresentation.detail($0)
        }
    }
}
