import ArgumentParser

/// `hookctl deliveries ...`.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries",
        abstract: "See how events reached (or did not reach) each webhook.",
        discussion: """
            A delivery is one event on its way to one webhook: pending, scheduled (waiting for \
            a retry), delivered, failed (every attempt failed) or skipped (the webhook was \
            disabled). Every attempt is recorded with its result and the start of the response.

            Examples:
              hookctl deliveries list --webhook crm-sync --status failed
              hookctl deliveries get dlv_01JF3Q8Z6W5N9X2C4V7B8M1K0P
              hookctl deliveries redeliver dlv_01JF3Q8Z6W5N9X2C4V7B8M1K0P
              hookctl deliveries watch --webhook crm-sync
            """,
        subcommands: [DeliveriesList.self, DeliveriesGet.self, DeliveriesRedeliver.self, DeliveriesWatch.self])
}
