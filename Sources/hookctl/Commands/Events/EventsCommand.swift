import ArgumentParser

/// `hookctl events ...`.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Publish events and see where they went.",
        discussion: """
            Publishing answers once the event and its deliveries are stored; each subscribed \
            webhook of the account then gets it, signed and retried on its schedule.

            Examples:
              hookctl events publish --account acc_12345 --type customer.created \\
                  --data '{"customer_id": "cust_67890"}'
              hookctl events list --account acc_12345 --limit 20
              hookctl events get evt_01JF3Q8Z6W5N9X2C4V7B8M1K0P
            """,
        subcommands: [EventsPublish.self, EventsList.self, EventsGet.self])
}
