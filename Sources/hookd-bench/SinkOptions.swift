import ArgumentParser

/// How the `wrk → nginx` reference of a row is run.
struct SinkOptions: ParsableArguments {
    @Option(help: "Seconds wrk runs for the reference rate (default 10; 2 with --quick).")
    var wrkSeconds: Int?

    @Option(help: "wrk threads (at most its connections); 1 leaves the other core to nginx.")
    var wrkThreads = 1

    func validate() throws {
        if let wrkSeconds, wrkSeconds < 1 { throw ValidationError("--wrk-seconds must be at least 1") }
        guard wrkThreads >= 1 else { throw ValidationError("--wrk-threads must be at least 1") }
    }

    /// The reference run with `connections` connections.
    func reference(connections: Int, quick: Bool) -> WrkReference {
        WrkReference(connections: connections, threads: wrkThreads, duration: .seconds(wrkSeconds ?? (quick ? 2 : 10)))
    }
}
