import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench end-to-end`: events published over the socket, delivered 2xx at nginx and
/// recorded, per second, for one webhook; beside `wrk → nginx` in the same run.
struct EndToEndBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "end-to-end",
        abstract: "Published → delivered at nginx → recorded, per second, one webhook; ratio to wrk → nginx.",
        discussion: """
            Starts nginx (return 200) on a loopback port and measures wrk POSTing hookd's own \
            request to it with as many connections as hookd's per-webhook in-flight limit. Then, \
            for each --batch, starts a fresh hookd, creates one webhook pointing at nginx, publishes \
            --events customer.created events from --connections producer connections (closed loop: \
            each sends its next call when the last is acknowledged) and polls Daemon.Status until \
            the daemon reports every delivery `delivered`. deliveries/s runs from the first publish \
            to that moment. --shape says how each group of --batch events is sent: one \
            Events.Publish call holding them all (events), a JSON-RPC batch array of single \
            publishes (rpc-batch), or single calls pipelined on the connection (pipelined); \
            repeatable, one row per batch and shape. With --database each daemon runs on a \
            fresh PostgreSQL database on that server instead of SQLite.

            Examples:
              hookd-bench end-to-end
              hookd-bench end-to-end --events 200000 --batch 200 --batch 1 --max-in-flight-per-webhook 64
              hookd-bench end-to-end --events 50000 --shape events --shape rpc-batch --shape pipelined
              hookd-bench end-to-end --quick
              hookd-bench end-to-end --database postgres://hookd@127.0.0.1:5432/postgres
            """)

    @Flag(help: "A seconds-long smoke run (2,000 events, 2 s of wrk) unless told otherwise.")
    var quick = false

    @Option(help: "Events to publish per row (default 100,000; 2,000 with --quick).")
    var events: Int?

    @Option(help: "Producer connections.")
    var connections = 4

    @Option(help: "Events per Events.Publish call; repeatable, one row each (1: single publishes).")
    var batch: [Int] = [200]

    @Option(help: "How each --batch group is sent: events, rpc-batch or pipelined; repeatable, one row each.")
    var shape: [PublishShape] = [.events]

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var sink: SinkOptions

    func validate() throws {
        guard (events ?? 1) > 0, connections > 0, !batch.isEmpty, !shape.isEmpty, batch.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--events, --connections and every --batch must be positive")
        }
    }

    func run() async throws {
        let count = events ?? (quick ? 2_000 : 100_000)
        let connectionsPerWebhook = daemon.effectiveMaxInFlightPerWebhook
        let table = try await NginxSink.serving { nginx in
            let reference = try await sink.reference(connections: connectionsPerWebhook, quick: quick)
                .requestsPerSecond(url: nginx.url())
            var table = MarkdownTable(columns: [
                "command", "store", "events", "connections", "batch", "shape", "publish/s", "deliveries/s",
                "wrk → nginx req/s (c=\(connectionsPerWebhook))", "ratio", "hookd CPU µs/delivery",
            ])
            // Single publishes have one shape: each group is one event.
            for (size, shape) in batch.flatMap({ size in (size == 1 ? [.events] : shape).map { (size, $0) } }) {
                let (published, delivered, cpu) = try await measure(
                    count: count, batch: size, shape: shape, url: nginx.url())
                let command = "end-to-end --events \(count) --connections \(connections) --batch \(size) "
                    + (shape == .events ? "" : "--shape \(shape.rawValue) ") + daemon.commandSuffix
                table.rows.append([
                    MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), daemon.store, String(count),
                    String(connections), String(size), size == 1 ? "single" : shape.rawValue,
                    MarkdownTable.rate(published), MarkdownTable.rate(delivered), MarkdownTable.rate(reference),
                    MarkdownTable.ratio(delivered / reference), String(format: "%.0f", cpu),
                ])
            }
            return table
        }
        print(table.text)
    }

    /// One row: a fresh daemon, one webhook, `count` events; returns publish/s, deliveries/s
    /// and the daemon's CPU time per delivery in µs.
    private func measure(count: Int, batch: Int, shape: PublishShape, url: String) async throws -> (Double, Double, Double) {
        try await daemon.withDaemon { hookd in
            let setup = hookd.client()
            try await BenchCatalog.prepare(setup)
            try await BenchCatalog.addWebhook(setup, name: "nginx", url: url)
            await setup.close()
            let cpuBefore = try hookd.cpuSeconds()
            let run = try await ClosedLoopProducers(connections: connections, batch: batch, shape: shape)
                .publish(count: count, idPrefix: "e2e", to: hookd)
            let (done, status) = try await DaemonProgress(daemon: hookd)
                .waitUntil("\(count) deliveries recorded", since: run.started) {
                    $0.deliveries(.delivered) >= count || $0.deliveries(.failed) > 0
                }
            guard status.deliveries(.failed) == 0 else {
                throw BenchError.invalidRun("deliveries failed: \(DaemonProgress.describe(status))")
            }
            let cpu = try hookd.cpuSeconds() - cpuBefore
            return (run.perSecond, Double(count) / (done - run.started).seconds, cpu * 1_000_000 / Double(count))
        }
    }
}
