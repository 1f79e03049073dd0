/// The version hookd reports in `Daemon.Status` and its `user-agent`.
public enum HookdVersion {
    public static let current = "0.1.0"

    /// `hookd/0.1.0`.
    public static var userAgent: String { "hookd/\(current)" }
}
