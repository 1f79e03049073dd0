import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench backlog`: the sink goes down while deliveries queue, then comes back:
/// hookd's peak memory, and how fast a large backlog drains against a small one drained
/// the same way in the same run.
struct BacklogBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "Sink down while --deliveries queue, then up: peak RSS, and backlog drain rate ÷ small-queue drain rate.",
        discussion: """
            One hookd, one webhook at nginx with a retry schedule of fifty 1s waits (so every \
            queued delivery is due again within a second of the sink's return, and none runs \
            out of retries while it waits), started with --disable-after-failures 0. Two \
            outages, the same way, one after the other:
              Down: stop nginx (connection refused) and publish the outage's events; the queue \
            is complete once the daemon has acknowledged them all (each is then durably \
            queued), and nginx comes back at once. Meanwhile the daemon keeps trying: "tried \
            at sink-up" says how many had already failed once (they drain through the re-send \
            lane, capped by --max-in-flight-retries; the rest through the first-attempt lane). \
            That mix is the daemon's own doing, as in a real outage. The row does not wait for \
            every delivery to fail once: when a refused connection holds its in-flight slot \
            (hookd 0.1 holds it ~5 s) that takes far longer than any outage.
              Up: start nginx on the same port and time until the daemon reports every one \
            delivered: the drain rate.
            The first outage queues --small deliveries (the reference: an all but empty queue), \
            the second --deliveries. ratio = backlog drain ÷ small-queue drain: both are pure \
            drains (nothing is published meanwhile) through the same lanes, so the ratio shows \
            what the queue's size alone costs. (A steady-state rate with producers publishing \
            would also charge the reference for publishing, and with closed-loop batches its \
            queue is not empty either.)
            Peak RSS is the daemon's VmHWM (/proc/PID/status) at the end, i.e. over the whole \
            run; RSS at sink-up is VmRSS with the backlog fully queued.

            Examples:
              hookd-bench backlog
              hookd-bench backlog --deliveries 100000 --small 20000
              hookd-bench backlog --quick
            """)

    @Flag(help: "A seconds-long smoke run (2,000 queued, 1,000 in the reference) unless told otherwise.")
    var quick = false

    @Option(help: "Deliveries queued while the sink is down (default 1,000,000; 2,000 with --quick).")
    var deliveries: Int?

    @Option(help: "Deliveries of the small-queue outage, the reference (default 50,000 or --deliveries if smaller; 1,000 with --quick).")
    var small: Int?

    @Option(help: "Producer connections.")
    var connections = 4

    @Option(help: "Events per Events.Publish call.")
    var batch = 200

    @OptionGroup var daemon: DaemonOptions

    /// Fifty 1s waits: due again within a second of the sink's return, and the most a
    /// schedule may hold, so a long outage does not exhaust it.
    static let retrySchedule = Array(repeating: "1s", count: 50)

    func validate() throws {
        guard (deliveries ?? 1) > 0, (small ?? 1) > 0, connections > 0, batch > 0 else {
            throw ValidationError("--deliveries, --small, --connections and --batch must be positive")
        }
    }

    func run() async throws {
        let queued = deliveries ?? (quick ? 2_000 : 1_000_000)
        let reference = small ?? (quick ? 1_000 : min(50_000, queued))
        let table = try await NginxSink.serving { nginx in
            try await daemon.withDaemon(["--disable-after-failures", "0"]) { hookd in
                try await measure(queued: queued, small: reference, nginx: nginx, hookd: hookd)
            }
        }
        print(table.text)
    }

    private func measure(queued: Int, small: Int, nginx: NginxSink, hookd: RunningDaemon) async throws -> MarkdownTable {
        let setup = hookd.client()
        try await BenchCatalog.prepare(setup)
        try await BenchCatalog.addWebhook(setup, name: "nginx", url: nginx.url(), retry: Self.retrySchedule)
        await setup.close()

        let reference = try await outage(queueing: small, idPrefix: "small", nginx: nginx, hookd: hookd)
        let backlog = try await outage(queueing: queued, idPrefix: "backlog", nginx: nginx, hookd: hookd)
        let peak = try hookd.memory().peak

        var table = MarkdownTable(columns: [
            "command", "queued", "publish/s (sink down)", "tried at sink-up", "RSS at sink-up MiB", "peak RSS MiB",
            "small-queue drain deliveries/s", "backlog drain deliveries/s", "ratio",
        ])
        let command = "backlog --deliveries \(queued) --small \(small) --connections \(connections) --batch \(batch) "
            + daemon.commandSuffix
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(queued),
            MarkdownTable.rate(backlog.publishRate), String(backlog.tried), String(backlog.residentBytes / 1_048_576),
            String(peak / 1_048_576), MarkdownTable.rate(reference.drainRate), MarkdownTable.rate(backlog.drainRate),
            MarkdownTable.ratio(backlog.drainRate / reference.drainRate),
        ])
        return table
    }

    /// What one outage measured.
    private struct Outage {
        var publishRate: Double
        var tried: Int
        var residentBytes: Int
        var drainRate: Double
    }

    /// One outage: nginx down, `count` events published and acknowledged, nginx up again,
    /// timed until the daemon reports every delivery there is `delivered`.
    private func outage(queueing count: Int, idPrefix: String, nginx: NginxSink, hookd: RunningDaemon) async throws -> Outage {
        let progress = DaemonProgress(daemon: hookd)
        let before = try await progress.status()
        try await nginx.stop()
        let published = try await ClosedLoopProducers(connections: connections, batch: batch)
            .publish(count: count, idPrefix: idPrefix, to: hookd)
        let resident = try hookd.memory().now
        let queuedStatus = try await progress.status()
        let tried = queuedStatus.deliveries(.scheduled) + queuedStatus.deliveries(.failed)
            - before.deliveries(.scheduled) - before.deliveries(.failed)

        try await nginx.start()
        let upAt = ContinuousClock.now
        let target = before.deliveries(.delivered) + count
        let (drained, final) = try await progress.waitUntil("\(count) queued deliveries drained", since: upAt) {
            $0.deliveries(.delivered) >= target || $0.deliveries(.failed) > 0
        }
        guard final.deliveries(.failed) == 0 else {
            throw BenchError.invalidRun("deliveries ran out of retries: \(DaemonProgress.describe(final))")
        }
        return Outage(
            publishRate: published.perSecond, tried: tried, residentBytes: resident,
            drainRate: Double(count) / (drained - upAt).seconds)
    }
}
