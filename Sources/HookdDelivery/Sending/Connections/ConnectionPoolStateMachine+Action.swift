import NIOCore

extension ConnectionPoolStateMachine {
    /// What the pool must do after an event: at most one thing for requests and one for
    /// connections.
    struct Action: Hashable, Sendable {
        var request: RequestAction = .none
        var connection: ConnectionAction = .none

        static let none = Action()
    }

    /// What happens to requests.
    enum RequestAction: Hashable, Sendable {
        case none
        /// Write the request on the connection, which is now leased to it.
        case run(RequestID, on: ConnectionID)
        /// The request waits for a connection: arm its deadline.
        case queue(RequestID)
        /// End the request with the failure.
        case fail(RequestID, RequestFailure)
        /// End every request listed with the failure.
        case failAll([RequestID], RequestFailure)
        /// The pool is retired: take the request to a fresh pool for the same origin.
        case retry(RequestID)
    }

    /// What happens to connections.
    enum ConnectionAction: Hashable, Sendable {
        case none
        /// Open a connection under this id; report `connectionEstablished` or `connectionFailed`.
        case create(ConnectionID)
        /// Close the connection; report `connectionClosed` once its socket has closed.
        case close(ConnectionID)
        /// Report `idleTimerFired` for the connection at the instant given.
        case armIdleTimer(ConnectionID, at: NIODeadline)
        /// End the request on the connection with the failure, and close the connection,
        /// unless that request has already ended (the connection may have moved on).
        case abort(RequestID, on: ConnectionID, RequestFailure)
        /// Close the idle connections listed and abort the running ones (shutdown).
        case shutDown(closing: [ConnectionID], aborting: [ConnectionID])
    }
}
