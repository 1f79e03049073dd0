import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl webhooks test W [--wait]`.
struct WebhooksTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a sample event to one webhook.",
        discussion: """
            Sends a hookd.ping event, or with --event the catalog type's example data, to this \
            webhook only, whatever it subscribes to. It is signed and retried like any \
            delivery; follow it with `hookctl deliveries get ID`.

            With --wait, waits for the first attempt to end and prints its result (status \
            code or failure, duration, address); the exit status is 0 only when it was \
            delivered, so scripts can check an endpoint with it.

            Examples:
              hookctl webhooks test crm-sync
              hookctl webhooks test crm-sync --event customer.created
              hookctl webhooks test crm-sync --wait
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: .webhookReference)
    var webhook: String

    @Option(help: ArgumentHelp("Send this event type with its example data instead of hookd.ping.", valueName: "type"))
    var event: String?

    @Flag(help: "Wait for the first attempt and print its result; exit 1 unless it was delivered.")
    var wait = false

    /// Longest wait for the first attempt: the longest webhook timeout, the connect timeout and a margin.
    static let longestWait: Duration = .seconds(5 * 60 + 30)

    func run() async throws {
        let params = WebhookTestParams(webhook: webhook, eventType: event)
        guard wait else {
            try await globals.callAndPrint(.webhooksTest, params, as: WebhookTestResult.self) { result in
                let (event, delivery) = (result.event, result.delivery)
                return """
                    Sent test event \(event.id) (\(event.type)) to \(delivery.account)/\(delivery.webhookName).
                    Delivery: \(delivery.id) (\(delivery.status.rawValue))
                    See how it went: hookctl deliveries get \(delivery.id)
                    """
            }
            return
        }
        let detail = try await globals.withDaemon { session in
            let sent = try await session.call(.webhooksTest, params, as: WebhookTestResult.self)
            return try await Self.firstAttempt(of: sent.delivery.id, session: session)
        }
        try globals.printer.print(detail) { Self.describe($0) }
        if detail.delivery.status != .delivered { throw ExitCode.failure }
    }

    /// The delivery once its first attempt has ended (or it ended without one: skipped).
    /// hookd announces no attempt ends to clients, so this asks every 100 ms.
    static func firstAttempt(of id: String, session: DaemonSession) async throws -> DeliveryDetail {
        let deadline = ContinuousClock.now + longestWait
        while true {
            let detail = try await session.call(.deliveriesGet, IdParams(id: id), as: DeliveryDetail.self)
            // The delivery is read before its attempts, and an attempt's row is written with
            // the delivery's new state: a delivery that counts an attempt has it listed.
            if (detail.delivery.attempts > 0 && !detail.attempts.isEmpty) || !detail.delivery.status.isAwaitingAttempt {
                return detail
            }
            guard ContinuousClock.now < deadline else {
                throw CLIError("no attempt of delivery \(id) ended within \(longestWait); see hookctl deliveries get \(id)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `Delivered: HTTP 200 in 12ms from 127.0.0.1.` or the failure and what happens next.
    static func describe(_ detail: DeliveryDetail, now: Date = Date()) -> String {
        let delivery = detail.delivery
        guard let attempt = detail.attempts.first else {
            return "Delivery \(delivery.id) ended \(delivery.status.rawValue) without an attempt."
        }
        let outcome = attempt.statusCode.map { "HTTP \($0)" } ?? attempt.error ?? "failed"
        var text = (delivery.status == .delivered ? "Delivered: " : "Attempt failed: ") + outcome
        text += " in " + TimeText.duration(milliseconds: attempt.durationMs)
        if let address = attempt.resolvedAddress { text += " (\(address))" }
        text += ".\nDelivery \(delivery.id): \(delivery.status.rawValue)"
        if let next = delivery.nextAttemptAt { text += ", next attempt \(TimeText.full(next, now: now))" }
        if let excerpt = DeliveryPresentation.responseExcerpt(attempt), attempt.statusCode != nil { text += "\n" + excerpt }
        return text
    }
}
