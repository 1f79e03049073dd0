import ArgumentParser

/// `hookctl event-types ...`.
struct EventTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event-types",
        abstract: "Manage the event catalog: the types producers publish and webhooks subscribe to.",
        discussion: """
            Event types are dotted lowercase names such as customer.created. A type may carry \
            a JSON Schema that every event's data must match, and an example that \
            `hookctl webhooks test W --event TYPE` sends.

            Examples:
              hookctl event-types create transaction.completed \\
                  --description "Transaction finalized and confirmed" \\
                  --schema transaction.completed.schema.json --example example.json
              hookctl event-types list
            """,
        subcommands: [
            EventTypesList.self, EventTypesGet.self, EventTypesCreate.self, EventTypesUpdate.self, EventTypesDelete.self,
        ])
}
