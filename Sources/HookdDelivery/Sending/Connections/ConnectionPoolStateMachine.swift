import NIOCore

/// The keep-alive connections of one pinned origin and the requests waiting for them, as a
/// pure value: each event (a request arrives, a connection opens, fails or closes, an
/// exchange ends, a timer fires) returns the action that follows, which `ConnectionPool`
/// performs with real sockets. Nothing here touches a socket or a clock.
///
/// The rules:
/// - A request takes the connection that went idle last, so that surplus connections idle
///   out. With none idle it waits in order, and a connection is opened for it unless as many
///   are already starting as requests wait, or the pool is at `maximumConnections`.
/// - A connection that cannot be opened frees its slot at once and fails the request that
///   has waited longest, with its reason: a target that refuses connections fails attempts
///   at once, one per failed connect, instead of at their deadlines.
/// - A request is handed to one connection only. The one exception is a request that the
///   connection could not even write because it had closed meanwhile (a kept-alive
///   connection the server dropped): nothing of it was sent, so it waits again, first in line.
/// - A connection idle for `idleTimeout` is closed. Each connection has at most one idle
///   timer, re-armed lazily, so a busy connection costs no timer per request.
/// - A connection counts against `maximumConnections` until its socket has closed.
struct ConnectionPoolStateMachine: Sendable {
    /// What a connection is doing.
    enum Use: Hashable, Sendable {
        /// Connecting (TCP, then TLS); no request is on it.
        case starting
        /// Open and free since the instant given.
        case idle(since: NIODeadline)
        /// Running the request given.
        case leased(RequestID)
        /// Told to close, or closing by itself; gone once its socket has closed.
        case closing
    }

    /// One connection as the pool sees it.
    struct Connection: Hashable, Sendable {
        var use: Use
        /// Whether an idle timer is pending for it.
        var idleTimerArmed = false
    }

    /// Whether the pool takes requests.
    enum Lifecycle: Hashable, Sendable {
        case running
        /// `shutDown()` was called: requests are refused, connections close as they come free.
        case shuttingDown
        /// The pool was empty and has been dropped: requests must go to a fresh pool.
        case retired
    }

    /// Why a request ended without a response of its own.
    enum RequestFailure: Hashable, Sendable {
        /// A connection opened for waiting requests could not be made.
        case connectFailed(AttemptFailure)
        /// Its deadline passed while it waited for a connection.
        case deadline
        /// Its task was cancelled.
        case cancelled
        /// The pool is shutting down.
        case shutdown
    }

    private(set) var connections: [ConnectionID: Connection] = [:]
    /// Requests waiting for a connection, oldest first.
    private(set) var queue = CircularBuffer<RequestID>()
    /// The idle connections, the one that went idle last at the end.
    private var idle: [ConnectionID] = []
    private(set) var lifecycle = Lifecycle.running
    private var nextConnection = 0

    /// The most connections open or opening at once.
    let maximumConnections: Int
    /// How long a connection may stay idle before it is closed.
    let idleTimeout: TimeAmount

    init(maximumConnections: Int, idleTimeout: TimeAmount) {
        precondition(maximumConnections > 0, "a pool needs room for one connection")
        self.maximumConnections = maximumConnections
        self.idleTimeout = idleTimeout
    }

    /// How many connections are being opened.
    var startingCount: Int { connections.values.count { $0.use == .starting } }

    /// Whether a shut-down pool has no connection left.
    var isDrained: Bool { lifecycle == .shuttingDown && connections.isEmpty }

    // MARK: - Events

    /// A request wants a connection.
    mutating func requestArrived(_ request: RequestID) -> Action {
        switch lifecycle {
        case .running: break
        case .shuttingDown: return Action(request: .fail(request, .shutdown))
        case .retired: return Action(request: .retry(request))
        }
        if let connection = idle.popLast() {
            connections[connection]?.use = .leased(request)
            return Action(request: .run(request, on: connection))
        }
        queue.append(request)
        return Action(request: .queue(request), connection: openIfNeeded())
    }

    /// A connection this pool asked for is open (TLS included) and ready for requests.
    mutating func connectionEstablished(_ id: ConnectionID, at now: NIODeadline) -> Action {
        guard connections[id]?.use == .starting, lifecycle == .running else {
            if connections[id] != nil { connections[id]?.use = .closing }
            return Action(connection: .close(id))
        }
        return assignOrIdle(id, at: now)
    }

    /// A connection this pool asked for could not be made.
    mutating func connectionFailed(_ id: ConnectionID, _ failure: AttemptFailure) -> Action {
        guard connections[id]?.use == .starting else { return .none }
        connections[id] = nil
        var action = Action.none
        if let request = queue.popFirst() { action.request = .fail(request, .connectFailed(failure)) }
        action.connection = openIfNeeded()
        return action
    }

    /// The request on a connection has ended: the connection takes the next one when it is
    /// `reusable` (a complete keep-alive response), and closes otherwise.
    mutating func exchangeFinished(on id: ConnectionID, reusable: Bool, at now: NIODeadline) -> Action {
        guard case .leased = connections[id]?.use else { return .none }
        guard reusable, lifecycle == .running else {
            connections[id]?.use = .closing
            return Action(connection: .close(id))
        }
        return assignOrIdle(id, at: now)
    }

    /// The connection had closed before `request` could be written to it: nothing of the
    /// request was sent, so it waits again, first in line.
    mutating func exchangeBounced(_ request: RequestID, from id: ConnectionID) -> Action {
        if connections[id]?.use == .leased(request) { connections[id]?.use = .closing }
        guard lifecycle == .running else { return Action(request: .fail(request, .shutdown)) }
        if let connection = idle.popLast() {
            connections[connection]?.use = .leased(request)
            return Action(request: .run(request, on: connection))
        }
        queue.prepend(request)
        return Action(request: .queue(request), connection: openIfNeeded())
    }

    /// A connection's socket has closed, whatever it was doing. (A request running on it is
    /// failed by the connection itself.)
    mutating func connectionClosed(_ id: ConnectionID) -> Action {
        guard let connection = connections.removeValue(forKey: id) else { return .none }
        if case .idle = connection.use { idle.removeAll { $0 == id } }
        return Action(connection: openIfNeeded())
    }

    /// The idle timer of a connection went off.
    mutating func idleTimerFired(for id: ConnectionID, at now: NIODeadline) -> Action {
        guard var connection = connections[id] else { return .none }
        connection.idleTimerArmed = false
        var action = Action.none
        if case .idle(let since) = connection.use {
            if now - since >= idleTimeout {
                connection.use = .closing
                idle.removeAll { $0 == id }
                action.connection = .close(id)
            } else {
                connection.idleTimerArmed = true
                action.connection = .armIdleTimer(id, at: since + idleTimeout)
            }
        }
        connections[id] = connection
        return action
    }

    /// A waiting request's deadline passed.
    mutating func requestTimedOut(_ request: RequestID) -> Action {
        guard let index = queue.firstIndex(of: request) else { return .none }
        queue.remove(at: index)
        return Action(request: .fail(request, .deadline))
    }

    /// A request's task was cancelled: a waiting request fails, a running one is aborted
    /// with its connection.
    mutating func requestCancelled(_ request: RequestID) -> Action {
        if let index = queue.firstIndex(of: request) {
            queue.remove(at: index)
            return Action(request: .fail(request, .cancelled))
        }
        if let (id, _) = connections.first(where: { $0.value.use == .leased(request) }) {
            return Action(connection: .abort(request, on: id, .cancelled))
        }
        return .none
    }

    /// Refuses new requests, fails the waiting ones, closes idle connections and aborts
    /// running ones; starting connections close once they open.
    mutating func shutDown() -> Action {
        guard lifecycle == .running else { return .none }
        lifecycle = .shuttingDown
        let waiting = Array(queue)
        queue.removeAll()
        idle.removeAll()
        var closing: [ConnectionID] = []
        var aborting: [ConnectionID] = []
        for (id, connection) in connections {
            switch connection.use {
            case .idle:
                connections[id]?.use = .closing
                closing.append(id)
            case .leased:
                aborting.append(id)
            case .starting, .closing:
                break
            }
        }
        return Action(
            request: waiting.isEmpty ? .none : .failAll(waiting, .shutdown),
            connection: .shutDown(
                closing: closing.sorted { $0.number < $1.number }, aborting: aborting.sorted { $0.number < $1.number }))
    }

    /// Marks an empty running pool retired, so it can be dropped; false when it has any
    /// connection or waiting request.
    mutating func retireIfUnused() -> Bool {
        guard lifecycle == .running, connections.isEmpty, queue.isEmpty else { return false }
        lifecycle = .retired
        return true
    }

    // MARK: - Rules

    /// Gives a free connection the oldest waiting request, or lets it idle (arming its idle
    /// timer when none is pending).
    private mutating func assignOrIdle(_ id: ConnectionID, at now: NIODeadline) -> Action {
        if let request = queue.popFirst() {
            connections[id]?.use = .leased(request)
            return Action(request: .run(request, on: id))
        }
        idle.append(id)
        connections[id]?.use = .idle(since: now)
        guard connections[id]?.idleTimerArmed == false else { return .none }
        connections[id]?.idleTimerArmed = true
        return Action(connection: .armIdleTimer(id, at: now + idleTimeout))
    }

    /// Opens a connection when more requests wait than connections are starting and there
    /// is room for one.
    private mutating func openIfNeeded() -> ConnectionAction {
        guard lifecycle == .running, connections.count < maximumConnections, startingCount < queue.count else {
            return .none
        }
        let id = ConnectionID(number: nextConnection)
        nextConnection += 1
        connections[id] = Connection(use: .starting)
        return .create(id)
    }
}
