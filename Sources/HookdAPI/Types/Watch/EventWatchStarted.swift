import HookdCore

/// `Events.Watch`'s answer: the watch's id, then `Watch.Event` notifications follow.
public struct EventWatchStarted: Codable, Sendable, Equatable {
    /// Names the watch in its notifications and in `Watch.Cancel`.
    public var watch: String
    /// The feed's position when the watch began.
    public var cursor: Int64
    /// The most recent matching events, newest first.
    public var events: [Event]

    public init(watch: String, cursor: Int64, events: [Event]) {
        self.watch = watch
        self.cursor = cursor
        self.events = events
    }
}
