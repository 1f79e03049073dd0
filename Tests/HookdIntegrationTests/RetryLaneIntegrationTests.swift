import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Synchronization
import Testing

@Suite("retries in their own lane")
struct RetryLaneIntegrationTests {
    @Test("a backlog of retries to hanging and refusing endpoints does not hold up first attempts to a healthy one")
    func retriesDoNotDelayFirstAttempts() async throws {
        // The slow endpoint fails each event's first attempt at once, then never answers its
        // retry while the test runs (held behind a gate opened only at the end), so only the
        // webhook's 3 s timeout ends it, however loaded the machine; the dead one refuses
        // connections.
        let hang = ResponseGate()
        defer { hang.open() }
        let seen = Mutex<Set<String>>([])
        let slowResponder: LoopbackReceiver.Responder = { request in
            let first = seen.withLock { $0.insert(request.headers["webhook-id"] ?? "").inserted }
            return first ? ReceiverResponse(status: 500) : ReceiverResponse(status: 500, gate: hang)
        }
        try await withReceiver(responder: slowResponder) { slow in
            try await withReceiver { healthy in
                // No auto-disable: sixteen exhausted deliveries in a row would disable "slow".
                try await withDaemon(arguments: [
                    "--max-in-flight", "4", "--max-in-flight-retries", "2", "--disable-after-failures", "0",
                ]) { _, client in
                    try await Loyalty.seed(client)
                    let refusing = try await LoopbackReceiver.start()
                    let deadURL = refusing.url
                    try await refusing.stop()
                    _ = try await createWebhook(
                        client, name: "slow", url: slow.url, events: ["reward.issued"], retry: ["200ms"], timeout: "3s")
                    _ = try await createWebhook(
                        client, name: "dead", url: deadURL, events: ["transaction.completed"], retry: ["200ms"])
                    _ = try await createWebhook(client, name: "healthy", url: healthy.url, events: ["customer.created"])

                    // Sixteen, with two retry slots and a 3 s timeout: about 24 s of retries
                    // queued, so the fresh publish below lands while they still are, even on a
                    // loaded machine (eight, 12 s, lost that race under the full suite).
                    let slowBacklog = (1...16).map { "slow-\($0)" }
                    let deadBacklog = ["dead-1", "dead-2"]
                    try await publishBatch(client, ids: slowBacklog)
                    try await publishBatch(client, ids: deadBacklog, type: "transaction.completed")
                    // Once every first attempt has failed, only retries are left, and they queue.
                    for id in slowBacklog + deadBacklog {
                        _ = try await waitForDelivery(client, eventId: id, statuses: [.scheduled, .failed])
                    }
                    let before = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                    try #require((before.queuedRetries ?? 0) > 0, "expected a retry backlog: \(before)")

                    let fresh = (1...10).map { "fresh-\($0)" }
                    try await publishBatch(client, ids: fresh, type: "customer.created")
                    _ = try await healthy.waitForRequests(count: fresh.count)

                    // Daemon-recorded times: every healthy first attempt started before the last
                    // retry to the slow endpoint did, so while retries were still queued.
                    var retries: [Attempt] = []
                    for id in slowBacklog {
                        _ = try await waitForDelivery(client, eventId: id, statuses: [.failed], timeout: .seconds(60))
                        let attempts = try await recordedAttempts(client, eventId: id, webhook: "slow")
                        #expect(attempts.map(\.errorClass) == [.http, .timeout])
                        retries += attempts.dropFirst()
                    }
                    for id in deadBacklog {
                        _ = try await waitForDelivery(client, eventId: id, statuses: [.failed], timeout: .seconds(60))
                        let attempts = try await recordedAttempts(client, eventId: id, webhook: "dead")
                        #expect(attempts.map(\.errorClass) == [.connect, .connect])
                        retries += attempts.dropFirst()
                    }
                    let lastSlowRetry = try #require(retries.filter { $0.errorClass == .timeout }.map(\.startedAt).max())
                    for id in fresh {
                        let attempts = try await recordedAttempts(client, eventId: id, webhook: "healthy")
                        #expect(attempts.map(\.number) == [1])
                        #expect(attempts[0].startedAt < lastSlowRetry)
                    }
                    // And retries never held more than their two slots at once.
                    #expect(maximumOverlap(of: retries) <= 2)
                }
            }
        }
    }

    @Test("--max-in-flight-retries outside 1...--max-in-flight is refused at start")
    func badRetryShare() async throws {
        for value in ["0", "5"] {
            let result = try await runCommand(
                Binaries.path(of: "hookd"), ["--max-in-flight", "4", "--max-in-flight-retries", value, "--data-dir", "/nonexistent"])
            #expect(result.exitCode != 0)
            #expect(result.stderr.contains("--max-in-flight-retries must be between 1 and --max-in-flight (4)"))
        }
    }
}

/// The most attempts whose recorded spans overlap at one instant (spans shrunk by 2 ms, so
/// one that ends as the next starts is not counted twice through rounding).
func maximumOverlap(of attempts: [Attempt]) -> Int {
    let margin = 0.002
    let edges = attempts.flatMap { attempt -> [(Date, Int)] in
        let end = attempt.startedAt.addingTimeInterval(Double(attempt.durationMs) / 1000 - margin)
        return end > attempt.startedAt ? [(attempt.startedAt, 1), (end, -1)] : []
    }
    var current = 0
    var maximum = 0
    for (_, change) in edges.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
        current += change
        maximum = max(maximum, current)
    }
    return maximum
}
