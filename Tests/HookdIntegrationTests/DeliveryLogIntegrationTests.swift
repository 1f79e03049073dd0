import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// What the daemon logs about deliveries at its default level, read from its real output.
@Suite("delivery logs")
struct DeliveryLogIntegrationTests {
    /// The daemon's JSON log lines so far whose `msg` starts with `message`.
    static func lines(_ daemon: RunningDaemon, _ message: String) -> [[String: String]] {
        daemon.log.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }.filter { $0["msg"]?.hasPrefix(message) == true }
    }

    @Test("at info: a failed attempt (with its next attempt), the delivery exhausted and the webhook disabled; no success")
    func failuresAreLogged() async throws {
        let answer = StatusSwitch(200)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { receiver in
            try await withDaemon(
                arguments: ["--log-format", "json", "--disable-after-failures", "1"], logLevel: "info"
            ) { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.created"], retry: ["1s"])
                let delivered = try await Loyalty.publish(client, type: "customer.created")
                _ = try await waitForDelivery(client, eventId: delivered.event.id, statuses: [.delivered])

                answer.set(500)
                let published = try await Loyalty.publish(client, type: "customer.created")
                let delivery = try #require(
                    try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed]).first)
                let webhook = "\(Loyalty.account)/crm"

                let disabled = try await eventually("the webhook disabled line") {
                    Self.lines(daemon, "webhook disabled").first
                }
                #expect(disabled["level"] == "warning" && disabled["webhook"] == webhook, "\(disabled)")
                #expect(disabled["reason"]?.isEmpty == false, "\(disabled)")

                let failed = Self.lines(daemon, "attempt failed")
                #expect(failed.count == 1, "\(daemon.log)")
                let first = try #require(failed.first)
                #expect(first["level"] == "info" && first["webhook"] == webhook && first["delivery"] == delivery.id)
                #expect(first["result"] == "HTTP 500" && first["attempt"] == "1", "\(first)")
                let next = try #require(first["next_attempt"].flatMap(Timestamp.parse), "\(first)")
                #expect(next > Date().addingTimeInterval(-60))

                let exhausted = try #require(Self.lines(daemon, "delivery exhausted").first, "\(daemon.log)")
                #expect(exhausted["level"] == "warning" && exhausted["delivery"] == delivery.id, "\(exhausted)")
                #expect(exhausted["webhook"] == webhook && exhausted["result"] == "HTTP 500", "\(exhausted)")
                #expect(exhausted["attempt"] == "2" && exhausted["next_attempt"] == "none", "\(exhausted)")

                // A successful attempt is the hot path: nothing at info.
                #expect(Self.lines(daemon, "attempt delivered").isEmpty, "\(daemon.log)")
            }
        }
    }
}
