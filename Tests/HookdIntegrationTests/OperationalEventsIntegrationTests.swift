import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("hookd's own events")
struct OperationalEventsIntegrationTests {
    @Test("a webhook subscribed to hookd.* hears of exhausted deliveries, recoveries and disables; * does not")
    func operatorHearsAboutFailures() async throws {
        let answer = StatusSwitch(500)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { customer in
            try await withReceiver { operatorEndpoint in
                try await withReceiver { everything in
                    try await withDaemon(arguments: ["--disable-after-failures", "2"]) { _, client in
                        try await Loyalty.seed(client)
                        _ = try await Loyalty.webhook(
                            client, name: "crm", url: customer.url, events: ["customer.created"], retry: [])
                        _ = try await Loyalty.webhook(client, name: "ops", url: operatorEndpoint.url, events: ["hookd.*"])
                        _ = try await Loyalty.webhook(client, name: "all", url: everything.url, events: ["*"])

                        func publish(_ expected: DeliveryStatus) async throws -> PublishedEvent {
                            let published = try await Loyalty.publish(client, type: "customer.created")
                            let deliveries = try await waitForDelivery(
                                client, eventId: published.event.id, statuses: [expected, .delivered])
                            #expect(deliveries.contains { $0.status == expected })
                            return published
                        }
                        let first = try await publish(.failed)
                        let exhausted = try await operatorEndpoint.waitForRequests(count: 1)[0]
                        let report = try exhausted.jsonBody()
                        #expect(report["event_type"] as? String == OperationalEvent.deliveryExhausted)
                        let data = try #require(report["data"] as? [String: Any])
                        #expect(data["event_id"] as? String == first.event.id)
                        #expect(data["webhook"] as? String == "\(Loyalty.account)/crm")
                        #expect(data["last_error"] as? String == "HTTP 500")

                        answer.set(200)
                        _ = try await publish(.delivered)
                        let recovered = try await operatorEndpoint.waitForRequests(count: 2)[1]
                        #expect(try recovered.jsonBody()["event_type"] as? String == OperationalEvent.webhookRecovered)

                        answer.set(500)
                        _ = try await publish(.failed)
                        _ = try await publish(.failed)
                        let reports = try await operatorEndpoint.waitForRequests(count: 5)
                        let types = try reports.map { try $0.jsonBody()["event_type"] as? String }
                        #expect(types.filter { $0 == OperationalEvent.deliveryExhausted }.count == 3)
                        let disabled = try #require(
                            try reports.first { try $0.jsonBody()["event_type"] as? String == OperationalEvent.webhookDisabled })
                        let disabledData = try #require(try disabled.jsonBody()["data"] as? [String: Any])
                        #expect((disabledData["reason"] as? String)?.contains("2 deliveries in a row") == true)

                        #expect(everything.requests.count == 4)
                        #expect(
                            try everything.requests.allSatisfy {
                                try ($0.jsonBody()["event_type"] as? String) == "customer.created"
                            })

                        let reserved = try await runHookctl(
                            ["event-types", "delete", OperationalEvent.webhookDisabled, "--yes"], socket: nil,
                            environment: ["HOOKD_SOCKET": try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self).socket])
                        #expect(reserved.exitCode == 1)
                        #expect(reserved.stderr.contains("hookd's own event types"))
                    }
                }
            }
        }
    }
}
