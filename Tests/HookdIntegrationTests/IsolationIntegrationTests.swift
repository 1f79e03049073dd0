import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("isolation between webhooks")
struct IsolationIntegrationTests {
    @Test("a hanging endpoint holds at most its per-webhook limit and does not delay another webhook")
    func hangingEndpointIsIsolated() async throws {
        // The endpoint answers only when the test lets it: it hangs exactly as long as the
        // checks below need, however slow the machine.
        let gate = ResponseGate()
        defer { gate.open() }
        try await withReceiver(responder: { _ in ReceiverResponse(status: 200, gate: gate) }) { hanging in
            try await withReceiver { healthy in
                try await withDaemon(arguments: ["--max-in-flight-per-webhook", "2"]) { _, client in
                    try await Loyalty.seed(client)
                    // Its attempts are held far longer than the checks take, even on a loaded machine.
                    _ = try await Loyalty.webhook(
                        client, name: "hanging", url: hanging.url, events: ["reward.issued"], timeout: "5m")
                    _ = try await Loyalty.webhook(client, name: "healthy", url: healthy.url, events: ["reward.issued"])
                    let inputs = (0..<10).map {
                        EventInput(account: Loyalty.account, type: "reward.issued", data: ["n": .int(Int64($0))])
                    }
                    _ = try await client.publish(batch: inputs)

                    // All ten reach the healthy endpoint while the hanging one holds just its two.
                    _ = try await healthy.waitForRequests(count: 10)
                    _ = try await hanging.waitForRequests(count: 2)
                    // Once the healthy attempts are recorded, only the hanging two remain in flight.
                    let held = try await Self.waitForStatus(client, until: "2 in flight") { $0.inFlight == 2 }
                    #expect(held.inFlight == 2)
                    #expect(held.queued == 8)
                    #expect(hanging.requests.count == 2)

                    // The rest follow one for each answer: never more than two unanswered.
                    for answered in 1...8 {
                        gate.release()
                        _ = try await hanging.waitForRequests(count: 2 + answered)
                    }
                    gate.open()
                    let done = try await Self.waitForStatus(client, until: "nothing in flight or queued") {
                        $0.inFlight == 0 && $0.queued == 0
                    }
                    #expect(done.inFlight == 0)
                    #expect(hanging.requests.count == 10)
                    #expect(hanging.maximumConcurrentRequests == 2)
                }
            }
        }
    }

    /// Polls `Daemon.Status` until `condition` holds (or 30 s pass) and returns the last one.
    private static func waitForStatus(
        _ client: RPCClient, until expectation: String, _ condition: (DaemonStatusResult) -> Bool
    ) async throws -> DaemonStatusResult {
        let deadline = ContinuousClock.now + .seconds(30)
        var status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
        while !condition(status), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
        }
        if !condition(status) { Issue.record("Daemon.Status never showed \(expectation): \(status)") }
        return status
    }

    @Test("a webhook's rate limit spaces its requests; others are not held back")
    func rateLimit() async throws {
        try await withReceiver { limited in
            try await withReceiver { free in
                try await withDaemon { _, client in
                    try await Loyalty.seed(client)
                    let view = try await client.call(
                        .webhooksCreate,
                        WebhookCreateParams(
                            account: Loyalty.account, name: "limited", url: limited.url, events: ["reward.issued"],
                            rateLimit: RateLimit(perSecond: 2)),
                        as: WebhookView.self)
                    #expect(view.rateLimit == RateLimit(perSecond: 2))
                    _ = try await Loyalty.webhook(client, name: "free", url: free.url, events: ["reward.issued"])
                    let inputs = (0..<6).map {
                        EventInput(account: Loyalty.account, type: "reward.issued", data: ["n": .int(Int64($0))])
                    }
                    _ = try await client.publish(batch: inputs)

                    _ = try await free.waitForRequests(count: 6)
                    _ = try await limited.waitForRequests(count: 6)
                    // The daemon's record of when each attempt started (what the pace governs;
                    // arrival times at the receiver add the machine's scheduling jitter).
                    var starts: [Date] = []
                    let deadline = ContinuousClock.now + .seconds(10)
                    while starts.count < 6, ContinuousClock.now < deadline {
                        let delivered = try await client.call(
                            .deliveriesList, DeliveryListParams(webhook: "limited", status: "delivered"), as: [Delivery].self)
                        starts = delivered.compactMap(\.lastAttemptAt).sorted()
                        if starts.count < 6 { try await Task.sleep(for: .milliseconds(50)) }
                    }
                    try #require(starts.count == 6)
                    // The free webhook was not held back: the daemon started all its attempts
                    // before the limited one's last (its record, not the receivers' arrival
                    // order, which a busy test process can bunch up).
                    let freeStarts = try await client.call(
                        .deliveriesList, DeliveryListParams(webhook: "free", status: "delivered"), as: [Delivery].self
                    ).compactMap(\.lastAttemptAt).sorted()
                    #expect(freeStarts.count == 6)
                    #expect(freeStarts.last.map { $0 < starts[5] } == true, "free \(freeStarts), limited \(starts)")
                    // Two at once, then one every half second: 6 attempts span about 2 s, and after
                    // the burst any three span about 1 s (bounds leave room for jitter).
                    #expect(starts[5].timeIntervalSince(starts[0]) >= 1.5)
                    for index in 3..<starts.count {
                        #expect(starts[index].timeIntervalSince(starts[index - 2]) >= 0.7)
                    }

                    let refused = await #expect(throws: RPCRemoteError.self) {
                        _ = try await client.call(
                            .webhooksUpdate, WebhookUpdateParams(webhook: "limited", rateLimit: RateLimit(perSecond: -1)),
                            as: WebhookView.self)
                    }
                    #expect(refused?.data?.violations?.first?.field == "rateLimit.perSecond")
                    let lifted = try await client.call(
                        .webhooksUpdate, WebhookUpdateParams(webhook: "limited", rateLimit: RateLimit(perSecond: 0)),
                        as: WebhookView.self)
                    #expect(lifted.rateLimit == nil)

                    let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                    let update = try await runHookctl(
                        ["webhooks", "update", "limited", "--rate-limit", "5"], socket: status.socket)
                    #expect(update.exitCode == 0, "\(update)")
                    let shown = try await runHookctl(["webhooks", "get", "limited"], socket: status.socket)
                    #expect(shown.stdout.contains("Rate limit:"))
                    #expect(shown.stdout.contains("5/s"))
                }
            }
        }
    }
}
