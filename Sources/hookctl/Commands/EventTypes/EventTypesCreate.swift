import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl event-types create T`.
struct EventTypesCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Add an event type to the catalog.",
        discussion: """
            --schema and --example each name a file holding JSON; `-` reads it from standard \
            input (only one of them can). The files are read and checked before anything is \
            sent.

            Examples:
              hookctl event-types create customer.created \\
                  --description "A customer registered"
              hookctl event-types create reward.issued \\
                  --schema reward.schema.json --example reward.json
              cat reward.schema.json | hookctl event-types create reward.issued --schema -
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(
        help: ArgumentHelp("The new type's name: dotted lowercase segments, e.g. customer.created.", valueName: "type"))
    var name: String

    @OptionGroup var content: EventTypeContentOptions

    func run() async throws {
        let params = EventTypeCreateParams(
            name: name, description: content.description, schema: try content.schemaValue(),
            example: try content.exampleValue())
        try await globals.callAndPrint(.eventTypesCreate, params, as: EventType.self) {
            "Created event type \($0.name).\n\n" + EventTypePresentation.detail($0)
        }
    }
}
