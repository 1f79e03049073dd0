import HookdCore

/// `Watch.Cancel`'s answer.
public struct WatchCancelResult: Codable, Sendable, Equatable {
    /// The watch this is about.
    public var watch: String
    /// False when no such watch runs on this connection.
    public var cancelled: Bool

    public init(watch: String, cancelled: Bool) {
        self.watch = watch
        self.cancelled = cancelled
    }
}
