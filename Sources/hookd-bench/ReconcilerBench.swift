import ArgumentParser
import Foundation
import HookdCore
import HookdTesting

/// `hookd-bench reconciler`: times `hookctl validate`, `diff` and `apply` on a large
/// manifest set against a real daemon and prints a Markdown table for docs/benchmarks.md.
///
/// It writes one Account, `--event-types` EventTypes and `--webhooks` five-line Webhook
/// documents, split over `--files` files as a user would, starts the `hookd` built beside
/// it on a fresh data directory, and runs the real `hookctl` built beside it, each step
/// timed from process start to exit: validate, diff (everything to add), apply (creates it
/// all), diff again (no changes) and apply again (no changes).
struct ReconcilerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconciler",
        abstract: "Time hookctl validate, diff and apply of a large manifest set against a real hookd.",
        discussion: """
            Build in release mode for meaningful figures:
              swift build -c release --product hookd --product hookctl --product hookd-bench
              .build/release/hookd-bench reconciler --webhooks 10000
            """)

    @Option(help: "Webhook documents in the manifest set.")
    var webhooks = 10_000

    @Option(help: "Event types declared (the webhooks subscribe to them in turn).")
    var eventTypes = 20

    @Option(help: "Files the webhook documents are split over.")
    var files = 4

    @Option(help: "Times to run every step, each time on a fresh daemon; the table shows the median.")
    var runs = 1

    func validate() throws {
        guard webhooks > 0, eventTypes > 0, files > 0, runs > 0 else {
            throw ValidationError("--webhooks, --event-types, --files and --runs must be positive")
        }
    }

    /// The steps timed, in the order they run.
    static let steps = ["validate", "diff", "apply", "diff (no-op)", "apply (no-op)"]

    func run() async throws {
        var seconds: [[Double]] = Array(repeating: [], count: Self.steps.count)
        for _ in 0..<runs {
            let workspace = try TemporaryDirectory(prefix: "hookd-reconciler")
            defer { workspace.remove() }
            try writeManifests(to: workspace.path)
            let daemon = try await RunningDaemon.start()
            do {
                for (index, time) in try await measure(manifests: workspace.path, daemon: daemon).enumerated() {
                    seconds[index].append(time)
                }
            } catch {
                await daemon.cleanUp()
                throw error
            }
            await daemon.cleanUp()
        }
        let medians = seconds.map { times in times.sorted()[times.count / 2] }
        print("| webhooks | documents | " + Self.steps.map { "\($0) s" }.joined(separator: " | ") + " |")
        print("|---|---|" + String(repeating: "---|", count: Self.steps.count))
        print(
            "| \(webhooks) | \(1 + eventTypes + webhooks) | "
                + medians.map { String(format: "%.2f", $0) }.joined(separator: " | ") + " |")
    }

    /// Runs the five steps once and returns their wall-clock seconds, checking each did
    /// what it should (a benchmark of a failing command would measure nothing).
    private func measure(manifests: String, daemon: RunningDaemon) async throws -> [Double] {
        let total = 1 + eventTypes + webhooks
        let arguments = ["-f", manifests]
        var times: [Double] = []
        func step(_ command: [String], exitCode: Int32, expect: String) async throws {
            let clock = ContinuousClock()
            let started = clock.now
            let result = try await runHookctl(command + arguments, socket: daemon.socketPath)
            times.append((clock.now - started).seconds)
            guard result.exitCode == exitCode, result.stdout.contains(expect) else {
                throw BenchFailure("hookctl \(command.joined(separator: " ")) did not do what it should:\n\(result)")
            }
        }
        try await step(["validate"], exitCode: 0, expect: "Valid: \(total) documents")
        try await step(["diff"], exitCode: 2, expect: "Plan: \(total) to add, 0 to change, 0 to delete.")
        try await step(["apply"], exitCode: 0, expect: "Apply complete: \(total) added, 0 changed, 0 deleted.")
        try await step(["diff"], exitCode: 0, expect: "No changes.")
        try await step(["apply"], exitCode: 0, expect: "No changes.")
        return times
    }

    /// Writes `account.yaml`, `event-types.yaml` and `webhooks/webhooks-N.yaml` under `directory`.
    private func writeManifests(to directory: String) throws {
        let account = """
            apiVersion: hookd/v1
            kind: Account
            metadata: { name: acc_bench }
            spec:
              plan: { eventTypes: ["bench.*"] }

            """
        try write(account, to: directory + "/account.yaml")
        let types = (0..<eventTypes).map { index in
            """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: bench.event\(index) }
            spec: { description: Benchmark event \(index) }

            """
        }
        try write(types.joined(separator: "---\n"), to: directory + "/event-types.yaml")
        let perFile = (webhooks + files - 1) / files
        for file in 0..<files {
            let range = (file * perFile)..<min(webhooks, (file + 1) * perFile)
            guard !range.isEmpty else { continue }
            let documents = range.map { index in
                """
                apiVersion: hookd/v1
                kind: Webhook
                metadata: { name: wh-\(index), account: acc_bench }
                spec:
                  url: https://hooks.example.com/in/\(index)
                  events: [bench.event\(index % eventTypes)]

                """
            }
            try write(documents.joined(separator: "---\n"), to: directory + "/webhooks/webhooks-\(file + 1).yaml")
        }
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
