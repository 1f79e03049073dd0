import ArgumentParser
import HookdCore
import HookdRPC

/// `hookctl events publish`.
struct EventsPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish one event.",
        discussion: """
            --data is the event's payload, a JSON object: inline, @FILE to read a file, or - \
            to read standard input. It is read and checked before anything is sent.

            Give --id to make publishing idempotent: publishing the same id again delivers \
            nothing twice and says "duplicate".

            Examples:
              hookctl events publish --account acc_12345 --type customer.created \\
                  --data '{"customer_id": "cust_67890"}'
              hookctl events publish --account acc_12345 --type transaction.completed \\
                  --data @txn.json --id txn_11111
              echo '{"reward_id": "rw_1"}' \\
                  | hookctl events publish --account acc_12345 --type reward.issued --data -
            """)

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("The account the event belongs to.", valueName: "account"))
    var account: String

    @Option(help: ArgumentHelp("The event type, e.g. customer.created.", valueName: "type"))
    var type: String

    @Option(help: ArgumentHelp("The payload: a JSON object, @FILE, or - for stdin.", valueName: "json|@file|-"))
    var data: String

    @Option(help: ArgumentHelp("Your id for the event (default: hookd makes an evt_... id).", valueName: "event-id"))
    var id: String?

    func run() async throws {
        let payload = try JSONArgument.parseObject(InputSource(dataArgument: data), option: "--data")
        let params = EventPublishParams(EventInput(account: account, type: type, data: payload, id: id))
        try await globals.callAndPrint(.eventsPublish, params, as: PublishedEvent.self) {
            EventPresentation.published($0)
        }
    }
}
