import ArgumentParser
import Foundation
import Histogram
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench latency`: at a fixed offered load, the percentiles of publish → ack and of
/// publish → arrival at the receiver.
struct LatencyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Open-loop load at --rate events/s: p50/p99/p99.9 of publish → ack and publish → arrival.",
        discussion: """
            Starts hookd with one webhook pointing at an in-process receiver on 127.0.0.1 that \
            stamps each arrival by its webhook-id. Events are sent on a fixed schedule, --rate \
            per second for --seconds, spread round-robin over --connections socket connections; \
            the next send never waits for an acknowledgement (open loop). Both latencies run \
            from the moment an event was DUE to be sent, so a sender held up by the daemon does \
            not hide its delay (no coordinated omission). Percentiles come from HdrHistogram \
            (microseconds, 3 significant digits). achieved/offered is acknowledged events per \
            second over the offered rate: below ~1 the daemon could not keep up and the \
            latencies grow with the queue. hookd CPU µs/event is the daemon's CPU time (user and \
            system, /proc) from the first publish to the last arrival per acknowledged event: \
            it moves far less with other load on the machine than the latencies do.

            Examples:
              hookd-bench latency
              hookd-bench latency --rate 20000 --seconds 20 --connections 16
              hookd-bench latency --quick
            """)

    @Flag(help: "A seconds-long smoke run (500 events/s for 2 s) unless told otherwise.")
    var quick = false

    @Option(help: "Offered load in events per second (default 2,000; 500 with --quick).")
    var rate: Int?

    @Option(help: "How long events are offered, in seconds (default 10; 2 with --quick).")
    var seconds: Int?

    @Option(help: "Socket connections the events are spread over.")
    var connections = 8

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
        let book = LatencyBook()
        let receiver = try await LoopbackReceiver.start { request in
            if let id = request.headers["webhook-id"] { book.arrived(id) }
            return ReceiverResponse(status: 200)
        }
        let (started, cpuSeconds): (ContinuousClock.Instant, Double)
        do {
            (started, cpuSeconds) = try await daemon.withDaemon { hookd in
                let setup = hookd.client()
                try await BenchCatalog.prepare(setup)
                try await BenchCatalog.addWebhook(setup, name: "receiver", url: receiver.url)
                await setup.close()
                let cpuBefore = try hookd.cpuSeconds()
                let began = try await offer(rate: offered, count: offered * span, book: book, hookd: hookd)
                let acknowledged = book.summary.acknowledged
                try await receiver.waitForRequests(
                    until: "\(acknowledged) events arrived", timeout: .seconds(arrivalTimeout)
                ) { _ in book.arrivedCount >= acknowledged }
                return (began, try hookd.cpuSeconds() - cpuBefore)
            }
        } catch {
            try? await receiver.stop()
            throw error
        }
        try await receiver.stop()
        print(table(offered: offered, span: span, started: started, summary: book.summary, cpuSeconds: cpuSeconds).text)
    }

    /// Sends `count` events on schedule and returns when the schedule began, once every
    /// publish has been answered.
    private func offer(
        rate: Int, count: Int, book: LatencyBook, hookd: RunningDaemon
    ) async throws -> ContinuousClock.Instant {
        let clients = (0..<connections).map { _ in hookd.client() }
        for client in clients { _ = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self) }
        let interval = Duration.seconds(1) / rate
        let started = ContinuousClock.now + .milliseconds(20)
        await withDiscardingTaskGroup { group in
            for index in 0..<count {
                let due = started + interval * index
                if due > .now { try? await Task.sleep(until: due, tolerance: .microseconds(100)) }
                let id = "latency-\(index)"
                book.scheduled(id, due: due)
                let client = clients[index % clients.count]
                group.addTask {
                    do {
                        _ = try await client.publish(CustomerCreated.input(id: id))
                        book.acknowledged(due: due)
                    } catch {
                        book.failed()
                    }
                }
            }
        }
        for client in clients { await client.close() }
        return started
    }

    /// The row; `cpuSeconds` is hookd's CPU time from the first publish to the last arrival.
    private func table(
        offered: Int, span: Int, started: ContinuousClock.Instant, summary: LatencyBook.Summary, cpuSeconds: Double
    ) -> MarkdownTable {
        func milliseconds(_ histogram: Histogram<UInt64>, _ percentile: Double) -> String {
            MarkdownTable.milliseconds(Double(histogram.valueAtPercentile(percentile)) / 1000)
        }
        let achieved = summary.lastAcknowledged.map { Double(summary.acknowledged) / ($0 - started).seconds } ?? 0
        var table = MarkdownTable(columns: [
            "command", "offered/s", "connections", "acknowledged/s", "refused", "ack p50 ms", "ack p99 ms",
            "ack p99.9 ms", "arrival p50 ms", "arrival p99 ms", "arrival p99.9 ms", "arrival max ms",
            "achieved/offered", "hookd CPU µs/event",
        ])
        let command = "latency --rate \(offered) --seconds \(span) --connections \(connections) " + daemon.commandSuffix
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(offered), String(connections),
            MarkdownTable.rate(achieved), String(summary.failed),
            milliseconds(summary.acknowledgements, 50), milliseconds(summary.acknowledgements, 99),
            milliseconds(summary.acknowledgements, 99.9), milliseconds(summary.arrivals, 50),
            milliseconds(summary.arrivals, 99), milliseconds(summary.arrivals, 99.9),
            MarkdownTable.milliseconds(Double(summary.arrivals.max) / 1000),
            MarkdownTable.ratio(achieved / Double(offered)),
            String(format: "%.0f", cpuSeconds * 1_000_000 / Double(max(1, summary.acknowledged))),
        ])
        return table
    }
}
