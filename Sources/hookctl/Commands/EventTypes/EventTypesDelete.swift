import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl event-types delete T`.
struct EventTypesDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove an event type from the catalog.",
        discussion: """
            Asks for confirmation on a terminal; pass --yes in scripts. The daemon refuses \
            while a webhook subscribes to the type by its exact name.

            Examples:
              hookctl event-types delete customer.created
              hookctl event-types delete customer.created --yes
            """,
        aliases: ["rm"])

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var confirmation: ConfirmationOptions

    @Argument(help: ArgumentHelp("The event type.", valueName: "type"))
    var name: String

    func run() async throws {
        try Confirmation.requireAskable(confirmed: confirmation.yes, action: "delete event type \(name)")
        let result = try await globals.withDaemon { daemon in
            let eventType = try await daemon.call(.eventTypesGet, NameParams(name: name), as: EventType.self)
            try Confirmation.ask("Delete event type \(eventType.name)?", confirmed: confirmation.yes)
            return try await daemon.call(.eventTypesDelete, NameParams(name: eventType.name), as: DeletedResult.self)
        }
        try globals.printer.print(result) { "Deleted event type \($0.name)." }
    }
}
