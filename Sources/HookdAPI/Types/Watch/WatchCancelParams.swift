import HookdCore

/// `Watch.Cancel`: stop a watch of this connection.
public struct WatchCancelParams: Codable, Sendable, Equatable {
    /// The watch this is about.
    public var watch: String
    public init(watch: String) { self.watch = watch }
}
