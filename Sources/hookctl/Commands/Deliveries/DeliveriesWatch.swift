import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl deliveries watch`.
struct DeliveriesWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print deliveries and their attempts as they happen, until Ctrl-C.",
        discussion: """
            One line per change: a delivery created by a publish, an attempt that ended (its \
            status code or failure and how long it took), a delivery skipped. With -o json, one \
            JSON object per line (the API's Watch.Delivery notification), for jq. Ctrl-C ends \
            the watch (exit status 130); a watch that falls too far behind is ended by hookd \
            (exit status 1).

            Examples:
              hookctl deliveries watch
              hookctl deliveries watch --webhook acc_12345/crm-sync
              hookctl deliveries watch --status failed -o json | jq .delivery.id
            """)

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only deliveries to this webhook (NAME or ACCOUNT/NAME).", valueName: "webhook"))
    var webhook: String?

    @Option(help: ArgumentHelp("Only this account's deliveries.", valueName: "account"))
    var account: String?

    @Option(help: ArgumentHelp("Only these event types: a name, family.* or *.", valueName: "pattern"))
    var eventType: String?

    @Option(
        help: ArgumentHelp(
            "Only changes leaving a delivery in this status: \(DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "status"))
    var status: String?

    @Option(help: ArgumentHelp("Print this many recent deliveries first (0-1000; default 0).", valueName: "n"))
    var recent: Int = 0

    func run() async throws {
        let params = DeliveryWatchParams(
            account: account, webhook: webhook, eventType: eventType, status: status, snapshot: recent)
        let printer = WatchPrinter(format: globals.output)
        let ended = try await Interruptible.run {
            try await globals.withDaemon { session in
                let notifications = try await session.client.notifications()
                let started = try await session.call(.deliveriesWatch, params)
                FileHandle.standardError.write(Data("Watching deliveries (Ctrl-C to stop).\n".utf8))
                for delivery in started.deliveries.reversed() { printer.snapshot(delivery) }
                for await notification in notifications {
                    switch notification.method {
                    case APINotification.watchDelivery.name:
                        let notice = try notification.params.decoded(as: DeliveryWatchNotice.self)
                        guard notice.watch == started.watch else { continue }
                        try printer.change(notice)
                    case APINotification.watchEnd.name:
                        let end = try notification.params.decoded(as: WatchEndNotice.self)
                        if end.watch == started.watch { throw CLIError(end.message) }
                    default:
                        continue
                    }
                }
                if Task.isCancelled { return }
                throw CLIError("hookd closed the connection; the watch ended")
            }
        }
        if ended == .interrupted { throw ExitCode(130) }
    }
}
