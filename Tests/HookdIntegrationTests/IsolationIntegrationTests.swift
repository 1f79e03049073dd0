import Foundation
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("isolation between webhooks")
struct IsolationIntegrationTests {
    @Test("a hanging endpoint holds at most its per-webhook limit and does not delay another webhook")
    func hangingEndpointIsIsolated() async throws {
        try await withReceiver(responder: { _ in ReceiverResponse(status: 200, delay: .seconds(3)) }) { hanging in
            try await withReceiver { healthy in
                try await withDaemon(arguments: ["--max-in-flight-per-webhook", "2"]) { _, client in
                    try await Loyalty.seed(client)
                    _ = try await Loyalty.webhook(client, name: "hanging", url: hanging.url, events: ["reward.issued"])
                    _ = try await Loyalty.webhook(client, name: "healthy", url: healthy.url, events: ["reward.issued"])
                    let inputs = (0..<10).map {
                        EventInput(account: Loyalty.account, type: "reward.issued", data: ["n": .int(Int64($0))])
                    }
                    _ = try await client.call(.eventsPublish, EventPublishParams(batch: inputs), as: PublishBatchResult.self)

                    // All ten reach the healthy endpoint while the hanging one holds just its two.
                    _ = try await healthy.waitForRequests(count: 10)
                    #expect(hanging.requests.count == 2)
                    // Once the healthy attempts are recorded, only the hanging two remain in flight.
                    var status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                    let deadline = ContinuousClock.now + .seconds(2)
                    while status.inFlight > 2, ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(20))
                        status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                    }
                    #expect(status.inFlight == 2)
                    #expect(status.queued == 8)

                    // The rest follow two at a time as the hanging endpoint answers.
                    let all = try await hanging.waitForRequests(count: 10, timeout: .seconds(30))
                    let arrivals = all.map(\.receivedAt).sorted()
                    for index in 2..<arrivals.count {
                        #expect(arrivals[index].timeIntervalSince(arrivals[index - 2]) >= 2.9)
                    }
                }
            }
        }
    }
}
