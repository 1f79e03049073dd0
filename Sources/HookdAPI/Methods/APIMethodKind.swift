import HookdCore

/// How the daemon schedules a method's calls on a connection.
public enum APIMethodKind: String, Sendable, Hashable {
    /// Runs alone, once every earlier call on the connection has been answered, and is
    /// answered before the next request is read.
    case barrier
    /// Admitted in arrival order, completed concurrently with later calls, answered as each
    /// finishes (`Events.Publish`).
    case pipelined
    /// Answers with a watch, then sends one notification per change on the same connection
    /// until the client cancels it or closes the connection.
    case watch
}
