import ArgumentParser
import Foundation
import HookdCore
import HookdDelivery
import HookdStore
import NIOPosix
import Synchronization

/// `hookd-bench sender`: measures `WebhookSender` alone against an HTTP server that is
/// already running (nginx answering 200, say), without a daemon or a store.
///
/// It POSTs the loyalty platform's example `customer.created` envelope, signed for real, through
/// `WebhookSender.send`, keeping `--connections` attempts in flight until `--requests`
/// have been made, and prints a Markdown row: attempts per second and the CPU time this
/// process spent per attempt (user + system, from `getrusage`).
struct SenderBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sender",
        abstract: "Measure WebhookSender's requests per second and CPU per request against a running HTTP server.",
        discussion: """
            Start a server that answers POSTs with 200 and keeps connections alive (nginx with
            `keepalive_requests 100000;`), then, in a release build:
              .build/release/hookd-bench sender --url http://127.0.0.1:8089/hook --connections 32 --requests 200000
            """)

    @Option(help: "The URL to POST to (http:// or https://, loopback allowed).")
    var url: String

    @Option(help: "Attempts kept in flight at once, and the most connections the sender may open.")
    var connections = 32

    @Flag(help: "Send on one event loop of the sender's own and run the attempts' tasks on it (no hop between the loop and the cooperative pool).")
    var pinLoop = false

    @Option(help: "Attempts to make in all.")
    var requests = 200_000

    /// The loyalty platform's example `customer.created` envelope, byte for byte.
    static let envelope = Data(
        (#"{"event_type":"customer.created","event_id":"evt_abc123","timestamp":"2025-10-14T15:30:00Z","#
            + #""account_id":"acc_12345","data":{"customer_id":"cust_67890","email":"customer@example.com","#
            + #""phone":"+1234567890","name":"John Smith","created_at":"2025-10-14T15:30:00Z"}}"#).utf8)

    func validate() throws {
        guard connections > 0, requests > 0 else { throw ValidationError("--connections and --requests must be positive") }
        do {
            try TargetPolicy(allowInsecureTargets: true).check(url)
        } catch {
            throw ValidationError("--url: \(error.message)")
        }
    }

    func run() async throws {
        let work = Self.work(url: url)
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor: EventLoopTaskExecutor? = pinLoop ? EventLoopTaskExecutor(loops.next()) : nil
        let sender = WebhookSender(
            policy: TargetPolicy(allowInsecureTargets: true), userAgent: "hookd-bench",
            configuration: SenderConfiguration(maximumConnectionsPerTarget: connections),
            eventLoopGroup: pinLoop ? loops : MultiThreadedEventLoopGroup.singleton)
        // One attempt first, so a wrong URL fails loudly instead of being measured.
        let probe = await sender.send(work, timestamp: Int64(Date().timeIntervalSince1970))
        guard probe.outcome.isSuccess else {
            await sender.shutdown()
            throw ValidationError("the first attempt to \(url) did not succeed: \(probe.outcome.summary)")
        }
        let tally = Tally()
        let cpuBefore = CPUTime.now()
        let clock = ContinuousClock()
        let started = clock.now
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                group.addTask(executorPreference: executor) {
                    while tally.take(upTo: requests) {
                        let result = await sender.send(work, timestamp: Int64(Date().timeIntervalSince1970))
                        if !result.outcome.isSuccess { tally.failed(result.outcome.summary) }
                    }
                }
            }
        }
        let seconds = (clock.now - started).seconds
        let cpu = CPUTime.now() - cpuBefore
        await sender.shutdown()
        let failures = tally.failures
        print("| url | connections | requests | failed | requests/s | CPU µs/request |")
        print("|---|---|---|---|---|---|")
        print(
            "| \(url) | \(connections) | \(requests) | \(failures.count) "
                + "| \(String(format: "%.0f", Double(requests) / seconds)) "
                + "| \(String(format: "%.1f", cpu * 1_000_000 / Double(requests))) |")
        if let first = failures.first { print("\nfirst failure: \(first)") }
    }

    /// The delivery of that envelope to `url`, with a fresh signing secret.
    static func work(url: String) -> DeliveryWork {
        let now = Date()
        let webhook = Webhook(
            account: "acc_12345", name: "bench", url: url, events: [.all], secret: .generate(), createdAt: now)
        let event = Event(id: "evt_abc123", account: "acc_12345", type: "customer.created", timestamp: now, data: [:])
        return DeliveryWork(delivery: webhook.initialDelivery(for: event, at: now), webhook: webhook, body: envelope)
    }
}

/// Hands out the attempts to make and keeps the failures, shared by the workers.
private final class Tally: Sendable {
    private struct State {
        var started = 0
        var failures: [String] = []
    }

    /// Guards how many attempts were started and the failures seen.
    private let state = Mutex(State())

    /// Claims one attempt; false once `limit` have been claimed.
    func take(upTo limit: Int) -> Bool {
        state.withLock { state in
            guard state.started < limit else { return false }
            state.started += 1
            return true
        }
    }

    func failed(_ summary: String) {
        state.withLock { $0.failures.append(summary) }
    }

    var failures: [String] { state.withLock { $0.failures } }
}

/// The CPU time this process has used, user and system together, in seconds.
private enum CPUTime {
    static func now() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
