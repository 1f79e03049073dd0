import ArgumentParser
import Foundation
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench backlog`: the sink goes down while deliveries queue, then comes back:
/// hookd's peak memory, and the drain rate against the empty-queue rate of the same run.
struct BacklogBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlog",
        abstract: "Sink down while --deliveries queue, then up: peak RSS and drain rate ÷ empty-queue rate.",
        discussion: """
            One hookd, one webhook at nginx with a retry schedule of fifty 1s waits (so every \
            queued delivery is due again within a second of the sink's return, and none runs \
            out of retries while it waits), started with --disable-after-failures 0.
              1. Empty queue: with nginx up, publish --warmup events and time them from the \
            first publish until the daemon reports all delivered.
              2. Down: stop nginx (connection refused) and publish --deliveries events; the \
            backlog is complete when the daemon has acknowledged them all (each is then durably \
            queued). Meanwhile the daemon keeps trying: "tried at sink-up" says how many had \
            failed at least once (those wait in the re-send lane, capped by \
            --max-in-flight-retries) and how many were never tried (first-attempt lane). The \
            mix is the daemon's own doing, as in a real outage; the row does not wait for \
            every delivery to fail once, which can take far longer than the outage itself \
            when a refused connection holds its in-flight slot (hookd 0.1 holds it ~5 s).
              3. Up: start nginx on the same port and time until the daemon reports all of them \
            delivered: the drain rate. ratio = drain ÷ empty-queue rate.
            Peak RSS is the daemon's VmHWM (/proc/PID/status) at the end, i.e. over the whole \
            run; RSS at sink-up is VmRSS with the backlog fully queued.

            Examples:
              hookd-bench backlog
              hookd-bench backlog --deliveries 100000 --warmup 20000
              hookd-bench backlog --quick
            """)

    @Flag(help: "A seconds-long smoke run (2,000 queued, 1,000 empty-queue) unless told otherwise.")
    var quick = false

    @Option(help: "Deliveries queued while the sink is down (default 1,000,000; 2,000 with --quick).")
    var deliveries: Int?

    @Option(help: "Events of the empty-queue run (default 50,000 or --deliveries if smaller; 1,000 with --quick).")
    var warmup: Int?

    @Option(help: "Producer connections.")
    var connections = 4

    @Option(help: "Events per Events.Publish call.")
    var batch = 200

    @OptionGroup var daemon: DaemonOptions

    /// Fifty 1s waits: due again within a second of the sink's return, and the most a
    /// schedule may hold, so a long outage does not exhaust it.
    static let retrySchedule = Array(repeating: "1s", count: 50)

    func validate() throws {
        guard (deliveries ?? 1) > 0, (warmup ?? 1) > 0, connections > 0, batch > 0 else {
            throw ValidationError("--deliveries, --warmup, --connections and --batch must be positive")
        }
    }

    func run() async throws {
        let queued = deliveries ?? (quick ? 2_000 : 1_000_000)
        let warm = warmup ?? (quick ? 1_000 : min(50_000, queued))
        let nginx = try NginxSink()
        let hookd = try await daemon.startDaemon(["--disable-after-failures", "0"])
        do {
            try await nginx.start()
            let result = try await measure(queued: queued, warm: warm, nginx: nginx, hookd: hookd)
            await hookd.release()
            await nginx.remove()
            print(result.text)
        } catch {
            hookd.reportLogTail()
            await hookd.release()
            await nginx.remove()
            throw error
        }
    }

    private func measure(queued: Int, warm: Int, nginx: NginxSink, hookd: RunningDaemon) async throws -> MarkdownTable {
        let setup = hookd.client()
        try await BenchCatalog.prepare(setup)
        try await BenchCatalog.addWebhook(setup, name: "nginx", url: nginx.url(), retry: Self.retrySchedule)
        await setup.close()
        let producers = ClosedLoopProducers(connections: connections, batch: batch)
        let progress = DaemonProgress(daemon: hookd)

        let warmRun = try await producers.publish(count: warm, idPrefix: "warm", to: hookd)
        let (warmDone, _) = try await progress.waitUntil("the empty-queue run", since: warmRun.started) {
            $0.deliveries(.delivered) >= warm
        }
        let emptyRate = Double(warm) / (warmDone - warmRun.started).seconds

        try await nginx.stop()
        let downRun = try await producers.publish(count: queued, idPrefix: "down", to: hookd)
        let atSinkUp = try hookd.memory()
        let queuedStatus = try await progress.status()
        let tried = queuedStatus.deliveries(.scheduled) + queuedStatus.deliveries(.failed)

        try await nginx.start()
        let upAt = ContinuousClock.now
        let (drained, final) = try await progress.waitUntil("the backlog drained", since: upAt) {
            $0.deliveries(.delivered) >= warm + queued || $0.deliveries(.failed) > 0
        }
        guard final.deliveries(.failed) == 0 else {
            throw BenchError.invalidRun("deliveries ran out of retries: \(DaemonProgress.describe(final))")
        }
        let drainRate = Double(queued) / (drained - upAt).seconds
        let peak = try hookd.memory().peak

        var table = MarkdownTable(columns: [
            "command", "queued", "publish/s (sink down)", "tried at sink-up", "RSS at sink-up MiB", "peak RSS MiB",
            "empty-queue deliveries/s", "drain deliveries/s", "ratio",
        ])
        let command = "backlog --deliveries \(queued) --warmup \(warm) --connections \(connections) --batch \(batch) "
            + daemon.commandSuffix
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(queued),
            MarkdownTable.rate(downRun.perSecond), String(tried),
            String(atSinkUp.now / 1_048_576), String(peak / 1_048_576), MarkdownTable.rate(emptyRate),
            MarkdownTable.rate(drainRate), MarkdownTable.ratio(drainRate / emptyRate),
        ])
        return table
    }
}
