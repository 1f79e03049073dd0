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
              swift build -c release --product hookd --product hookd-bench --product hookctl
              .build/release/hookd-bench publish --events 2000 --producers 4
            """,
        subcommands: [PublishBench.self, ReconcilerBench.self],
        defaultSubcommand: PublishBench.self)
}
