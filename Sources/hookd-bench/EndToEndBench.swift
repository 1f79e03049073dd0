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
            to that moment. The calls are encoded before the clock starts and sent from one \
            event loop of the bench's own, which reads each answer only for how many results and \
            errors it holds; bench CPU µs/delivery is what this process used meanwhile (the \
            producers and the status polls), CPU the daemon could not have. --shape says how each group of --batch events is sent: one \
            Events.Publish call holding them all (events), a JSON-RPC batch array of single \
            publishes (rpc-batch), or single calls pipelined on the connection (pipelined); \
            repeatable, one row per batch and shape. With --database each daemon runs on a \
            fresh PostgreSQL database on that server instead of SQLite; --daemons N runs N \
            daemons on one such database (repeatable, one row each), --connections producers on \
            each, the events split evenly between them, and says what the PostgreSQL server's \
            processes used (when it runs on this machine); --beside-sqlite adds the row of one \
            daemon on SQLite to the same run.

            Examples:
              hookd-bench end-to-end
              hookd-bench end-to-end --events 200000 --batch 200 --batch 1 --max-in-flight-per-webhook 64
              hookd-bench end-to-end --events 50000 --shape events --shape rpc-batch --shape pipelined
              hookd-bench end-to-end --quick
              hookd-bench end-to-end --database postgres://hookd@127.0.0.1:5432/postgres
              hookd-bench end-to-end --events 30000 --database postgres://hookd@127.0.0.1:5432/postgres \\
                  --daemons 1 --daemons 2 --daemons 3 --beside-sqlite
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

    @Option(help: "Daemons on one --database; repeatable, one row each.")
    var daemons: [Int] = [1]

    @Flag(help: "Also a row of one daemon on SQLite, in the same run (with --database).")
    var besideSqlite = false

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var sink: SinkOptions

    func validate() throws {
        guard (events ?? 1) > 0, connections > 0, !batch.isEmpty, !shape.isEmpty, batch.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--events, --connections and every --batch must be positive")
        }
        guard daemons.allSatisfy({ $0 > 0 }) else { throw ValidationError("every --daemons must be positive") }
        guard daemon.database != nil || (daemons.allSatisfy({ $0 == 1 }) && !besideSqlite) else {
            throw ValidationError("--daemons above 1 and --beside-sqlite need --database: daemons share a PostgreSQL database")
        }
    }

    func run() async throws {
        let count = events ?? (quick ? 2_000 : 100_000)
        let connectionsPerWebhook = daemon.effectiveMaxInFlightPerWebhook
        let table = try await NginxSink.serving { nginx in
            let reference = try await sink.reference(connections: connectionsPerWebhook, quick: quick)
                .requestsPerSecond(url: nginx.url())
            var table = MarkdownTable(columns: [
                "command", "store", "daemons", "events", "connections", "batch", "shape", "publish/s", "deliveries/s",
                "wrk → nginx req/s (c=\(connectionsPerWebhook))", "ratio", "hookd CPU µs/delivery",
                "postgres CPU µs/delivery", "bench CPU µs/delivery",
            ])
            var sqlite = daemon
            sqlite.database = nil
            let runs: [(options: DaemonOptions, daemons: Int)] =
                (besideSqlite ? [(sqlite, 1)] : []) + daemons.map { (daemon, $0) }
            // Single publishes have one shape: each group is one event.
            for (size, shape) in batch.flatMap({ size in (size == 1 ? [.events] : shape).map { (size, $0) } }) {
                for (options, nodes) in runs {
                    let row = try await measure(
                        count: count, batch: size, shape: shape, url: nginx.url(), options: options, daemons: nodes)
                    let command = "end-to-end --events \(count) --connections \(connections) --batch \(size) "
                        + (shape == .events ? "" : "--shape \(shape.rawValue) ")
                        + (options.database == nil ? "" : "--daemons \(nodes) ") + options.commandSuffix
                    table.rows.append([
                        MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), options.store, String(nodes),
                        String(count), String(connections), String(size), size == 1 ? "single" : shape.rawValue,
                        MarkdownTable.rate(row.published), MarkdownTable.rate(row.delivered), MarkdownTable.rate(reference),
                        MarkdownTable.ratio(row.delivered / reference), String(format: "%.0f", row.hookdCPU),
                        row.postgresCPU.map { String(format: "%.0f", $0) } ?? "–", String(format: "%.0f", row.benchCPU),
                    ])
                }
            }
            return table
        }
        print(table.text)
    }

    /// What one row measured: publish/s, deliveries/s, and CPU µs per delivery of the hookd
    /// processes, (on a local PostgreSQL) of the server's processes, and of this process (the
    /// producers and the status polls).
    private struct Measurement {
        var published: Double
        var delivered: Double
        var hookdCPU: Double
        var postgresCPU: Double?
        var benchCPU: Double
    }

    /// One row: fresh daemons (one on SQLite, or `daemons` on one fresh PostgreSQL database),
    /// one webhook, `count` events published across them.
    private func measure(
        count: Int, batch: Int, shape: PublishShape, url: String, options: DaemonOptions, daemons: Int
    ) async throws -> Measurement {
        if options.database == nil {
            return try await options.withDaemon { hookd in
                try await measure(count: count, batch: batch, shape: shape, url: url, on: [hookd], server: nil)
            }
        }
        return try await options.withCluster(of: daemons) { hookds, database in
            let server = await PostgresServerCPU.locate(database)
            return try await measure(count: count, batch: batch, shape: shape, url: url, on: hookds, server: server)
        }
    }

    private func measure(
        count: Int, batch: Int, shape: PublishShape, url: String, on hookds: [RunningDaemon],
        server: PostgresServerCPU?
    ) async throws -> Measurement {
        let setup = hookds[0].client()
        try await BenchCatalog.prepare(setup)
        try await BenchCatalog.addWebhook(setup, name: "nginx", url: url)
        await setup.close()
        func hookdCPU() throws -> Double { try hookds.reduce(0) { try $0 + $1.cpuSeconds() } }
        let cpuBefore = try hookdCPU()
        let serverBefore = try server?.seconds()
        let benchBefore = try ProcessStat(pid: getpid()).cpuSeconds
        let run = try await ClosedLoopProducers(connections: connections, batch: batch, shape: shape)
            .publish(count: count, idPrefix: "e2e", across: hookds)
        // Daemon.Status counts the deliveries in the store, which every daemon shares.
        let (done, status) = try await DaemonProgress(daemon: hookds[0])
            .waitUntil("\(count) deliveries recorded", since: run.started) {
                $0.deliveries(.delivered) >= count || $0.deliveries(.failed) > 0
            }
        guard status.deliveries(.failed) == 0 else {
            throw BenchError.invalidRun("deliveries failed: \(DaemonProgress.describe(status))")
        }
        let cpu = try hookdCPU() - cpuBefore
        let benchCPU = try ProcessStat(pid: getpid()).cpuSeconds - benchBefore
        var serverCPU: Double?
        if let server, let serverBefore { serverCPU = try server.seconds() - serverBefore }
        return Measurement(
            published: run.perSecond, delivered: Double(count) / (done - run.started).seconds,
            hookdCPU: cpu * 1_000_000 / Double(count), postgresCPU: serverCPU.map { $0 * 1_000_000 / Double(count) },
            benchCPU: benchCPU * 1_000_000 / Double(count))
    }
}
