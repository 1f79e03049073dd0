import HookdCore

/// A notification the daemon sent unasked on the client's connection: a watch's change.
public struct RPCNotification: Sendable, Equatable {
    /// The notification's method, e.g. `Watch.Delivery`.
    public let method: String
    /// Its params as sent.
    public let params: JSONValue

    /// A notification.
    public init(method: String, params: JSONValue) {
        self.method = method
        self.params = params
    }
}
