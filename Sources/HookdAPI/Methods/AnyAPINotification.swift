import HookdCore

/// An ``APINotification`` with its params type erased.
public struct AnyAPINotification: Sendable, Hashable {
    /// The notification's `method`.
    public let name: String
    /// One sentence: when it is sent.
    public let summary: String
    /// Its params' schema.
    public let paramsSchema: JSONValue
}
