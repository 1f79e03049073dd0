import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench fanout`: one event to many webhooks (all at nginx, each its own path),
/// deliveries per second; beside `wrk → nginx` in the same run.
struct FanoutBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fanout",
        abstract: "One event to --webhooks webhooks at nginx: deliveries recorded per second; ratio to wrk → nginx.",
        discussion: """
            Starts nginx and measures wrk → nginx with as many connections as hookd can use for \
            this row: min(--max-in-flight, webhooks × --max-in-flight-per-webhook). Then starts \
            hookd, creates --webhooks webhooks (http://127.0.0.1:PORT/fanout/N), publishes \
            --events single events one after the other and polls Daemon.Status until every \
            delivery is recorded `delivered`; deliveries/s runs from the first publish to then.

            Examples:
              hookd-bench fanout
              hookd-bench fanout --webhooks 1000 --events 10
              hookd-bench fanout --quick
            """)

    @Flag(help: "A seconds-long smoke run (100 webhooks, 2 s of wrk) unless told otherwise.")
    var quick = false

    @Option(help: "Webhooks subscribed to the event (default 1,000; 100 with --quick).")
    var webhooks: Int?

    @Option(help: "Events published, one at a time, each fanned out to every webhook.")
    var events = 1

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var sink: SinkOptions

    func validate() throws {
        guard (webhooks ?? 1) > 0, events > 0 else { throw ValidationError("--webhooks and --events must be positive") }
    }

    func run() async throws {
        let webhookCount = webhooks ?? (quick ? 100 : 1_000)
        let connections = min(daemon.effectiveMaxInFlight, webhookCount * daemon.effectiveMaxInFlightPerWebhook)
        let (reference, delivered) = try await NginxSink.serving { nginx in
            let reference = try await sink.reference(connections: connections, quick: quick)
                .requestsPerSecond(url: nginx.url())
            return (reference, try await measure(webhookCount: webhookCount, nginx: nginx))
        }
        var table = MarkdownTable(columns: [
            "command", "webhooks", "events", "deliveries/s", "wrk → nginx req/s (c=\(connections))", "ratio",
        ])
        let command = "fanout --webhooks \(webhookCount) --events \(events) " + daemon.commandSuffix
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(webhookCount),
            String(events), MarkdownTable.rate(delivered), MarkdownTable.rate(reference),
            MarkdownTable.ratio(delivered / reference),
        ])
        print(table.text)
    }

    /// Deliveries recorded per second for `events` events to `webhookCount` webhooks.
    private func measure(webhookCount: Int, nginx: NginxSink) async throws -> Double {
        try await daemon.withDaemon { hookd in
            let client = hookd.client()
            try await BenchCatalog.prepare(client)
            for index in 0..<webhookCount {
                try await BenchCatalog.addWebhook(client, name: "fan\(index)", url: nginx.url(path: "fanout/\(index)"))
            }
            let expected = webhookCount * events
            let started = ContinuousClock.now
            for index in 0..<events {
                _ = try await client.publish(CustomerCreated.input(id: "fanout-\(index)"))
            }
            await client.close()
            let (done, status) = try await DaemonProgress(daemon: hookd)
                .waitUntil("\(expected) deliveries recorded", since: started) {
                    $0.deliveries(.delivered) >= expected || $0.deliveries(.failed) > 0
                }
            guard status.deliveries(.failed) == 0 else {
                throw BenchError.invalidRun("deliveries failed: \(DaemonProgress.describe(status))")
            }
            return Double(expected) / (done - started).seconds
        }
    }
}
