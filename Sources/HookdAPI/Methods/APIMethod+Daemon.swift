import HookdCore

extension APIMethod where Params == EmptyParams, Result == DaemonStatusResult {
    /// `Daemon.Status`.
    public static var daemonStatus: Self {
        Self(
            "Daemon.Status", role: .reader,
            summary: "What is running, where, and how much it holds.",
            details: "Version, pid, socket, data directory, store and durability, the URL policy in force, "
                + "how many deliveries the engine holds and sends, and how many resources exist.")
    }
}

extension APIMethod where Params == EmptyParams, Result == HealthResult {
    /// `Daemon.Health`.
    public static var daemonHealth: Self {
        Self(
            "Daemon.Health", role: .reader,
            summary: "Whether the daemon serves and its store answers and takes writes.",
            details: "`ok`, or `degraded` with the storage fault's reason while writes fail (disk full, read-only).")
    }
}
