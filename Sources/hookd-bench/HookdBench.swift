import ArgumentParser

/// `hookd-bench`: the benchmark harness. Each subcommand measures one thing against real
/// processes on this machine and prints Markdown rows for docs/benchmarks.md.
@main
struct HookdBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookd-bench",
        abstract: "Measure hookd on this machine; prints Markdown rows for docs/benchmarks.md.",
        discussion: """
            Build in release mode for meaningful figures:
              swift build -c release --product hookd
              swift build -c release --product hookd-bench
              .build/release/hookd-bench end-to-end
            Rows: end-to-end, fanout, latency, backlog, isolation (nginx and wrk needed: \
            scripts/bench-setup) and publish (the in-process receiver only).
            """,
        subcommands: [
            PublishBench.self,
            SenderBench.self,
            EndToEndBench.self,
            FanoutBench.self,
            LatencyBench.self,
            BacklogBench.self,
            IsolationBench.self,
            ReconcilerBench.self,
        ],
        defaultSubcommand: PublishBench.self)
}
