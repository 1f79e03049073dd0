import HookdCore

/// `Watch.End`: the daemon ended a watch (it fell behind); nothing more comes for it.
public struct WatchEndNotice: Codable, Sendable, Equatable {
    /// The watch this is about.
    public var watch: String
    /// `hookd.WatchOverflow`: the watcher read too slowly and was dropped.
    public var reason: String
    /// What happened and what to do, in a sentence.
    public var message: String

    public init(watch: String, reason: String, message: String) {
        self.watch = watch
        self.reason = reason
        self.message = message
    }
}
