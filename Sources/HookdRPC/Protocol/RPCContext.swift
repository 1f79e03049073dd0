import HookdCore
import Logging

/// What a method handler knows about the call besides its params.
public struct RPCContext: Sendable {
    /// Who is calling; `nil` when the platform cannot tell (or in tests).
    public var peer: PeerCredentials?
    /// A logger carrying the connection's metadata; handlers log through it.
    public var logger: Logger
    /// The connection's streams, for a method that answers and then sends notifications
    /// (a watch); `nil` outside a served connection (a router answering frames in tests).
    public internal(set) var streams: RPCStreams?
    /// The router's reading of errors that are not `HookdError` (see
    /// ``RPCRouter/translateErrors(_:)``), set by the router for each call.
    var translateError: (@Sendable (any Error) -> HookdError?)?
    /// The router's access check (see ``RPCRouter/authorizeCalls(_:)``), set by the router
    /// for each call.
    var authorize: (@Sendable (_ method: String, RPCContext) -> HookdError?)?
    /// The router's observer and the methods it watches (see ``RPCRouter/observeCalls(of:_:)``).
    var observer: CallObserver?

    /// A context for one connection.
    public init(peer: PeerCredentials?, logger: Logger) {
        self.peer = peer
        self.logger = logger
    }
}
