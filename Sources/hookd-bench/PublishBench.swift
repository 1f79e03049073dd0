import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench publish`: measures the real daemon end to end on loopback and prints a
/// Markdown table for docs/benchmarks.md.
///
/// It starts the `hookd` built beside it on a fresh data directory, a loopback receiver
/// answering 200, one account, one event type and `--webhooks` webhooks subscribed to it,
/// then publishes `--events` events from `--producers` concurrent clients and records, per
/// event, the time from the publish call to its last arrival at the receiver.
struct PublishBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Measure publish throughput and delivery latency of a real hookd on loopback.",
        discussion: """
            Build in release mode for meaningful figures:
              swift build -c release --product hookd --product hookd-bench
              .build/release/hookd-bench publish --events 2000 --producers 4
              .build/release/hookd-bench publish --events 2000 --producers 4 --schema
            """)

    @Option(help: "Events to publish in all.")
    var events = 1000

    @Option(help: "Concurrent producer connections.")
    var producers = 4

    @Option(help: "Webhooks subscribed to every event (the fan-out).")
    var webhooks = 1

    @Option(help: "Events per Events.Publish call (1 = single publishes).")
    var batch = 1

    @Flag(help: "Give the event type a JSON Schema, so every event's data is validated against it.")
    var schema = false

    /// The schema `--schema` sets: it matches the data producers publish.
    static let dataSchema: JSONValue = [
        "type": "object", "required": ["producer", "n"], "additionalProperties": false,
        "properties": ["producer": ["type": "integer", "minimum": 0], "n": ["type": "integer", "minimum": 0]],
    ]

    @Option(help: "The webhooks' ordering: unordered, or fifo (one delivery at a time per webhook, in publish order).")
    var ordering: String?

    func validate() throws {
        guard events > 0, producers > 0, webhooks > 0, batch > 0 else {
            throw ValidationError("--events, --producers, --webhooks and --batch must be positive")
        }
    }

    func run() async throws {
        let arrivals = ArrivalClock()
        let receiver = try await LoopbackReceiver.start { request in
            if let id = request.headers["webhook-id"] { arrivals.arrived(id) }
            return ReceiverResponse(status: 200)
        }
        let daemon = try await RunningDaemon.start()
        do {
            try await measure(daemon: daemon, receiver: receiver, arrivals: arrivals)
        } catch {
            await daemon.cleanUp()
            throw error
        }
        await daemon.cleanUp()
    }

    /// Sets up the account, event type and webhooks, publishes, and prints the table row.
    private func measure(daemon: RunningDaemon, receiver: LoopbackReceiver, arrivals: ArrivalClock) async throws {
        let setup = daemon.client()
        _ = try await setup.call(.accountsCreate, AccountCreateParams(name: "acc_bench"), as: Account.self)
        _ = try await setup.call(
            .eventTypesCreate, EventTypeCreateParams(name: "bench.event", schema: schema ? Self.dataSchema : nil),
            as: EventType.self)
        for index in 0..<webhooks {
            _ = try await setup.call(
                .webhooksCreate,
                WebhookCreateParams(
                    account: "acc_bench", name: "wh\(index)", url: receiver.url, events: ["bench.event"], ordering: ordering),
                as: WebhookView.self)
        }
        await setup.close()

        let clock = ContinuousClock()
        let started = clock.now
        let perProducer = events / producers
        let publishSeconds = try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    try await publish(count: perProducer, producer: producer, daemon: daemon, arrivals: arrivals)
                }
            }
            try await group.waitForAll()
            return (clock.now - started).seconds
        }
        let total = perProducer * producers
        _ = try await receiver.waitForRequests(count: total * webhooks, timeout: .seconds(600))
        let deliverSeconds = (clock.now - started).seconds
        try await receiver.stop()

        let latencies = arrivals.latencies(expectedArrivals: webhooks).sorted()
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "-" }
            let index = min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)
            return String(format: "%.1f", latencies[max(0, index)] * 1000)
        }
        print(
            "| events | producers | batch | webhooks | ordering | publish/s | deliveries/s | p50 ms | p90 ms | p99 ms "
                + "| max ms |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        print(
            "| \(total) | \(producers) | \(batch) | \(webhooks) | \(ordering ?? "unordered") "
                + "| \(String(format: "%.0f", Double(total) / publishSeconds)) "
                + "| \(String(format: "%.0f", Double(total * webhooks) / deliverSeconds)) | \(percentile(0.5)) "
                + "| \(percentile(0.9)) | \(percentile(0.99)) | \(percentile(1.0)) |")
    }

    /// One producer: its own connection, `count` events in calls of `batch`.
    private func publish(count: Int, producer: Int, daemon: RunningDaemon, arrivals: ArrivalClock) async throws {
        let client = daemon.client()
        var sent = 0
        while sent < count {
            let size = min(batch, count - sent)
            let inputs = (0..<size).map { offset in
                EventInput(
                    account: "acc_bench", type: "bench.event",
                    data: ["producer": .int(Int64(producer)), "n": .int(Int64(sent + offset))],
                    id: "bench-\(producer)-\(sent + offset)")
            }
            for input in inputs { arrivals.published(input.id!) }
            if size == 1 {
                _ = try await client.publish(inputs[0])
            } else {
                _ = try await client.publish(batch: inputs)
            }
            sent += size
        }
        await client.close()
    }
}

