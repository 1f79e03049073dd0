import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// `hookd-bench isolation`: healthy webhooks' throughput beside one whose endpoint never
/// answers, as a ratio of the same run without it.
struct IsolationBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isolation",
        abstract: "Healthy webhooks' deliveries/s beside one endpoint that never answers ÷ the same without it.",
        discussion: """
            Runs twice, each time with a fresh hookd: --healthy webhooks at nginx, and in the \
            second run one more webhook whose endpoint (a loopback listener) accepts connections \
            and never replies, so every attempt to it holds an in-flight slot until its timeout \
            (--bad-timeout). Each run publishes --events events from --connections producers in \
            batches of --batch and polls Daemon.Status until every healthy delivery is recorded \
            `delivered` (the bad webhook's never are); deliveries/s counts healthy deliveries \
            only, from the first publish. ratio = with ÷ without.

            Each side of the ratio is a separate few-second run, so on a machine whose speed \
            drifts one pair can be off by a quarter either way: the row runs --pairs pairs \
            (default 7; 1 with --quick), each alone then beside, interleaved, and gives the \
            median of each rate and of the pairs' ratios, and every pair's ratio.

            Examples:
              hookd-bench isolation
              hookd-bench isolation --healthy 8 --events 50000 --bad-timeout 30s
              hookd-bench isolation --pairs 15
              hookd-bench isolation --quick
            """)

    @Flag(help: "A seconds-long smoke run (500 events) unless told otherwise.")
    var quick = false

    @Option(help: "Events published per run (default 20,000; 500 with --quick).")
    var events: Int?

    @Option(help: "Healthy webhooks, all at nginx; each event goes to every one.")
    var healthy = 4

    @Option(help: "The bad webhook's per-attempt timeout (hookd's default: 10s).")
    var badTimeout = "10s"

    @Option(help: "Producer connections.")
    var connections = 4

    @Option(help: "Events per Events.Publish call.")
    var batch = 200

    @Option(help: "Pairs of runs (alone, then beside), interleaved; the row reports medians (default 7; 1 with --quick).")
    var pairs: Int?

    @OptionGroup var daemon: DaemonOptions

    func validate() throws {
        guard (events ?? 1) > 0, healthy > 0, connections > 0, batch > 0, (pairs ?? 1) > 0 else {
            throw ValidationError("--events, --healthy, --connections, --batch and --pairs must be positive")
        }
    }

    func run() async throws {
        let count = events ?? (quick ? 500 : 20_000)
        let pairs = pairs ?? (quick ? 1 : Self.defaultPairs)
        let silent = try await SilentEndpoint.start()
        let measured: [(alone: Double, beside: Double)]
        do {
            measured = try await NginxSink.serving { nginx in
                var measured: [(alone: Double, beside: Double)] = []
                for _ in 0..<pairs {
                    let alone = try await measure(count: count, nginx: nginx, bad: nil)
                    measured.append((alone, try await measure(count: count, nginx: nginx, bad: silent)))
                }
                return measured
            }
        } catch {
            try? await silent.stop()
            throw error
        }
        try await silent.stop()
        var table = MarkdownTable(columns: [
            "command", "events", "healthy webhooks", "bad timeout", "healthy deliveries/s alone",
            "healthy deliveries/s beside the bad one", "ratio", "each pair's ratio",
        ])
        let command = "isolation --events \(count) --healthy \(healthy) --bad-timeout \(badTimeout) "
            + "--connections \(connections) --batch \(batch) --pairs \(pairs) " + daemon.commandSuffix
        let ratios = measured.map { $0.beside / $0.alone }
        table.rows.append([
            MarkdownTable.command(command.trimmingCharacters(in: .whitespaces)), String(count), String(healthy),
            badTimeout, MarkdownTable.rate(Self.median(measured.map(\.alone))),
            MarkdownTable.rate(Self.median(measured.map(\.beside))), MarkdownTable.ratio(Self.median(ratios)),
            ratios.map(MarkdownTable.ratio).joined(separator: ", "),
        ])
        print(table.text)
    }

    /// Pairs run unless told otherwise: single pairs here range from 0.7 to 1.2 for the same
    /// daemon, so the median of seven is what gives the row a verdict.
    static let defaultPairs = 7

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Healthy deliveries recorded per second, with the bad webhook when `bad` is given.
    private func measure(count: Int, nginx: NginxSink, bad: SilentEndpoint?) async throws -> Double {
        try await daemon.withDaemon { hookd in
            let setup = hookd.client()
            try await BenchCatalog.prepare(setup)
            for index in 0..<healthy {
                try await BenchCatalog.addWebhook(setup, name: "healthy\(index)", url: nginx.url(path: "healthy/\(index)"))
            }
            if let bad {
                try await BenchCatalog.addWebhook(setup, name: "silent", url: bad.url, timeout: badTimeout)
            }
            await setup.close()
            let expected = count * healthy
            let run = try await ClosedLoopProducers(connections: connections, batch: batch)
                .publish(count: count, idPrefix: "iso", to: hookd)
            let (done, _) = try await DaemonProgress(daemon: hookd)
                .waitUntil("\(expected) healthy deliveries recorded", since: run.started) {
                    $0.deliveries(.delivered) >= expected
                }
            return Double(expected) / (done - run.started).seconds
        }
    }
}
