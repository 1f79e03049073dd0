import ArgumentParser
import Foundation
import Histogram
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import NIOCore

/// `hookd-bench latency`: at a fixed offered load, the percentiles of publish → ack and of
/// publish → arrival at the receiver.
struct LatencyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Open-loop load at --rate events/s: p50/p99/p99.9 of publish → ack and publish → arrival.",
        discussion: """
            Starts hookd with one webhook pointing at a receiver on 127.0.0.1 that notes each \
            arrival's webhook-id and answers 200. Events are sent on a fixed schedule, --rate \
            per second for --seconds, spread round-robin over --connections socket connections; \
            the next send never waits for an acknowledgement (open loop). Both latencies run \
            from the moment an event was DUE to be sent, so a sender held up by the daemon does \
            not hide its delay (no coordinated omission). Percentiles come from HdrHistogram \
            (microseconds, 3 significant digits). achieved/offered is acknowledged events per \
            second over the offered rate: below ~1 the daemon could not keep up and the \
            latencies grow with the queue. hookd CPU µs/event is the daemon's CPU time (user and \
            system, /proc) from the first publish to the last arrival per acknowledged event: \
            it moves far less with other load on the machine than the latencies do. hookd \
            written KiB/event is what it sent to storage meanwhile (/proc/PID/io write_bytes: \
            the write-ahead log and its checkpoints), which every synced commit waits for.

            The first line is the row's reference, measured just before hookd starts: the same \
            schedule against a writer that only does the disk's part of a durable group commit \
            (each round takes every event due so far, writes 8 KiB to a preallocated file \
            beside hookd's data and fdatasyncs it). No daemon that syncs before it acknowledges \
            can answer faster than that on this disk.

            The load generator shares the machine with hookd, so it is kept light: the calls \
            are encoded before the run and sent from one event loop of their own, each answer \
            is read only for its id and whether it is an error, and the receiver (another event \
            loop) keeps nothing but each arrival's time. bench CPU µs/event is what it cost.

            Examples:
              hookd-bench latency
              hookd-bench latency --rate 20000 --seconds 20 --connections 16
              hookd-bench latency --quick
              hookd-bench latency --publish-only
            """)

    @Flag(help: "A seconds-long smoke run (500 events/s for 2 s) unless told otherwise.")
    var quick = false

    @Option(help: "Offered load in events per second (default 2,000; 500 with --quick).")
    var rate: Int?

    @Option(help: "How long events are offered, in seconds (default 10; 2 with --quick).")
    var seconds: Int?

    @Option(help: "Socket connections the events are spread over.")
    var connections = 8

    @Flag(help: "Subscribe no webhook: only the publish path is measured (acknowledgements; no arrivals).")
    var publishOnly = false

    @Option(help: "Seconds to wait for the last arrivals after the last send before giving up.")
    var arrivalTimeout = 600

    @OptionGroup var daemon: DaemonOptions

    func validate() throws {
        guard (rate ?? 1) > 0, (seconds ?? 1) > 0, connections > 0, arrivalTimeout > 0 else {
            throw ValidationError("--rate, --seconds, --connections and --arrival-timeout must be positive")
        }
    }

    func run() async throws {
        let offered = rate ?? (quick ? 500 : 2_000)
        let span = seconds ?? (quick ? 2 : 10)
        let count = offered * span
        let book = LatencyBook(interval: .nanoseconds(1_000_000_000 / Int64(offered)), count: count)
        let floor = try await SyncFloor(
            rate: offered, seconds: span, directory: FileManager.default.temporaryDirectory
        ).run()
        let receiver = try await ArrivalReceiver.start { webhookId in
            if webhookId.hasPrefix(Self.idPrefix), let index = Int(webhookId.dropFirst(Self.idPrefix.count)) {
                book.arrived(index)
            }
        }
        let cost: Cost
        do {
            let lines = try (0..<count).map(Self.publishLine)
            cost = try await daemon.withDaemon { hookd in
                let setup = hookd.client()
                try await BenchCatalog.prepare(setup)
                if !publishOnly { try await BenchCatalog.addWebhook(setup, name: "receiver", url: receiver.url) }
                await setup.close()
                let hookdBefore = try hookd.cpuSeconds()
                let writtenBefore = try hookd.writtenBytes()
                let benchBefore = try ProcessStat(pid: getpid()).cpuSeconds
                try await OpenLoopPublisher(socketPath: hookd.socketPath, connections: connections).run(
                    lines: lines, interval: book.interval, onStart: book.begin(at:)
                ) { index, succeeded in
                    book.answered(index, succeeded: succeeded)
                }
                let acknowledged = publishOnly ? 0 : book.summary.acknowledged
                try await Self.waitForArrivals(acknowledged, in: book, timeout: .seconds(arrivalTimeout))
                return Cost(
                    hookdCPUSeconds: try hookd.cpuSeconds() - hookdBefore,
                    benchCPUSeconds: try ProcessStat(pid: getpid()).cpuSeconds - benchBefore,
                    hookdWrittenBytes: try hookd.writtenBytes() - writtenBefore)
            }
        } catch {
            try? await receiver.stop()
            throw error
        }
        try await receiver.stop()
        print(table(offered: offered, span: span, summary: book.summary, cost: cost, floor: floor).text)
    }

    /// What the run cost, from the first publish to the last arrival.
    private struct Cost {
        var hookdCPUSeconds: Double
        var benchCPUSeconds: Double
        var hookdWrittenBytes: Int
    }

    /// Every event id of the run starts with this, followed by its index.
    private static let idPrefix = "latency-"

    /// Event `index`'s `Events.Publish` call, with `index` as its JSON-RPC id, as one line.
    private static func publishLine(index: Int) throws -> ByteBuffer {
        try PublishCalls.line(id: index, input: CustomerCreated.input(id: idPrefix + String(index)))
    }

    /// Waits until `count` events have arrived at the receiver (each arrival notes itself in
    /// `book`; this looks every 10 ms, which only delays the end of the run, not what it
    /// measures).
    private static func waitForArrivals(_ count: Int, in book: LatencyBook, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while book.arrivedCount < count {
            guard ContinuousClock.now < deadline else {
                throw BenchError.invalidRun("\(book.arrivedCount) of \(count) acknowledged events arrived within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The row, after its reference (`floor`, measured first).
    private func table(
        offered: Int, span: Int, summary: LatencyBook.Summary, cost: Cost, floor: SyncFloor.Outcome
    ) -> MarkdownTable {
        func milliseconds(_ histogram: Histogram<UInt64>, _ percentile: Double) -> String {
            guard histogram.totalCount > 0 else { return "—" }
            return MarkdownTable.milliseconds(Double(histogram.valueAtPercentile(percentile)) / 1000)
        }
        let achieved =
            summary.lastAcknowledged.map {
                Double(summary.acknowledged) * 1e9 / Double(max(1, ($0 - summary.start).nanoseconds))
            } ?? 0
        var table = MarkdownTable(columns: [
            "command", "offered/s", "connections", "acknowledged/s", "refused", "ack p50 ms", "ack p99 ms",
            "ack p99.9 ms", "arrival p50 ms", "arrival p99 ms", "arrival p99.9 ms", "arrival max ms",
            "achieved/offered", "hookd CPU µs/event", "bench CPU µs/event", "hookd written KiB/event",
        ])
        let command =
            "latency --rate \(offered) --seconds \(span) --connections \(connections) "
            + (publishOnly ? "--publish-only " : "") + daemon.commandSuffix
        table.rows.append([
            "reference: one 8 KiB write + `fdatasync` per group of due events, nothing else "
                + "(\(floor.syncs) syncs)", String(offered), "—", "—", "—",
            milliseconds(floor.acknowledgements, 50), milliseconds(floor.acknowledgements, 99),
            milliseconds(floor.acknowledgements, 99.9), "—", "—", "—", "—", "—", "—", "—",
            String(format: "%.1f", Double(floor.syncs * SyncFloor.roundBytes) / 1024 / Double(offered * span)),
        ])
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(offered), String(connections),
            MarkdownTable.rate(achieved), String(summary.failed),
            milliseconds(summary.acknowledgements, 50), milliseconds(summary.acknowledgements, 99),
            milliseconds(summary.acknowledgements, 99.9), milliseconds(summary.arrivals, 50),
            milliseconds(summary.arrivals, 99), milliseconds(summary.arrivals, 99.9),
            summary.arrivals.totalCount > 0 ? MarkdownTable.milliseconds(Double(summary.arrivals.max) / 1000) : "—",
            MarkdownTable.ratio(achieved / Double(offered)),
            String(format: "%.0f", cost.hookdCPUSeconds * 1_000_000 / Double(max(1, summary.acknowledged))),
            String(format: "%.0f", cost.benchCPUSeconds * 1_000_000 / Double(max(1, summary.acknowledged))),
            String(format: "%.1f", Double(cost.hookdWrittenBytes) / 1024 / Double(max(1, summary.acknowledged))),
        ])
        return table
    }
}
