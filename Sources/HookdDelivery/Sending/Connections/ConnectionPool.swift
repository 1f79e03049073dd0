import HookdCore
import NIOCore
import Synchronization

/// The kept-alive connections of one `PinnedOrigin`: `ConnectionPoolStateMachine` decides,
/// this performs what it decides with real sockets and timers.
///
/// Every event takes the lock, feeds the machine and turns its action into effects on the
/// objects involved (the exchange, the connection); the effects run after the lock is
/// released, since they call into the event loop and into waiting attempts.
final class ConnectionPool: Sendable {
    private struct State {
        var machine: ConnectionPoolStateMachine
        var connections: [ConnectionID: PooledConnection] = [:]
        /// Requests waiting for a connection, with their deadline timers.
        var waiting: [RequestID: Waiting] = [:]
        /// `shutdown()` callers waiting for the last connection to close.
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private struct Waiting {
        var exchange: Exchange
        var timer: Scheduled<Void>
    }

    /// What one event makes the pool do once the lock is released.
    private struct Effects {
        var run: (Exchange, PooledConnection)?
        var failures: [(Exchange, AttemptFailure)] = []
        var open: ConnectionID?
        var close: [PooledConnection] = []
        /// Connections to abort, with the request to end (`nil`: whichever runs) and how.
        var abort: [(PooledConnection, RequestID?, AttemptFailure)] = []
        var idleTimer: (PooledConnection, NIODeadline)?
        var drained: [CheckedContinuation<Void, Never>] = []
        /// The pool has nothing left and may be dropped.
        var isUnused = false
    }

    let origin: PinnedOrigin
    /// The checked addresses in the resolver's order: connections race them in this order.
    let preferredAddresses: [IPAddress]
    private let factory: ConnectionFactory
    /// Runs the deadline timers of waiting requests.
    private let timerLoop: any EventLoop
    /// Told when the pool has no connection and no request left, so it can be dropped.
    private let whenUnused: @Sendable (ConnectionPool) -> Void
    /// Guards the state machine, the live connections and the waiting requests.
    private let state: Mutex<State>

    init(
        origin: PinnedOrigin, preferredAddresses: [IPAddress], factory: ConnectionFactory, maximumConnections: Int,
        idleTimeout: TimeAmount, whenUnused: @escaping @Sendable (ConnectionPool) -> Void
    ) {
        self.origin = origin
        self.preferredAddresses = preferredAddresses
        self.factory = factory
        self.timerLoop = factory.group.next()
        self.whenUnused = whenUnused
        self.state = Mutex(
            State(machine: ConnectionPoolStateMachine(maximumConnections: maximumConnections, idleTimeout: idleTimeout)))
    }

    // MARK: - Requests

    /// Runs `exchange` on a free connection or queues it; false when the pool has been
    /// retired, so the exchange must go to a fresh pool.
    func execute(_ exchange: Exchange) -> Bool {
        let effects = state.withLock { state -> Effects? in
            let action = state.machine.requestArrived(exchange.id)
            if case .retry = action.request { return nil }
            return resolve(action, arriving: exchange, in: &state)
        }
        guard let effects else { return false }
        perform(effects)
        return true
    }

    /// Ends a request whose task was cancelled, waiting or running.
    func cancel(_ request: RequestID) {
        event { $0.requestCancelled(request) }
    }

    /// Refuses new requests, fails waiting ones, closes every connection, and returns once
    /// the last socket has closed.
    func shutdown() async {
        await withCheckedContinuation { continuation in
            let effects = state.withLock { state in
                state.drainWaiters.append(continuation)
                return resolve(state.machine.shutDown(), arriving: nil, in: &state)
            }
            perform(effects)
        }
    }

    /// Marks the pool retired when it has nothing left; the registry drops it then.
    func retireIfUnused() -> Bool {
        state.withLock { $0.machine.retireIfUnused() }
    }

    // MARK: - Connection events

    /// A connection the pool asked for is ready.
    func connectionEstablished(_ connection: PooledConnection) {
        let effects = state.withLock { state in
            state.connections[connection.id] = connection
            return resolve(state.machine.connectionEstablished(connection.id, at: .now()), arriving: nil, in: &state)
        }
        connection.channel.closeFuture.whenComplete { [weak self] _ in self?.connectionClosed(connection.id) }
        perform(effects)
    }

    /// A connection the pool asked for could not be made.
    func connectionFailed(_ id: ConnectionID, _ failure: AttemptFailure) {
        event { $0.connectionFailed(id, failure) }
    }

    /// The request on a connection ended; `reusable` when the connection may take another.
    func exchangeFinished(on id: ConnectionID, reusable: Bool) {
        event { $0.exchangeFinished(on: id, reusable: reusable, at: .now()) }
    }

    /// A connection had closed before `exchange` was written to it.
    func exchangeBounced(_ exchange: Exchange, from id: ConnectionID) {
        let effects = state.withLock { state in
            resolve(state.machine.exchangeBounced(exchange.id, from: id), arriving: exchange, in: &state)
        }
        perform(effects)
    }

    private func connectionClosed(_ id: ConnectionID) {
        let effects = state.withLock { state in
            state.connections[id] = nil
            return resolve(state.machine.connectionClosed(id), arriving: nil, in: &state)
        }
        perform(effects)
    }

    private func idleTimerFired(_ id: ConnectionID) {
        event { $0.idleTimerFired(for: id, at: .now()) }
    }

    private func requestTimedOut(_ request: RequestID) {
        event { $0.requestTimedOut(request) }
    }

    /// Feeds one event that brings no exchange of its own to the machine and performs its action.
    private func event(_ apply: (inout ConnectionPoolStateMachine) -> ConnectionPoolStateMachine.Action) {
        let effects = state.withLock { state in
            resolve(apply(&state.machine), arriving: nil, in: &state)
        }
        perform(effects)
    }

    // MARK: - Effects

    /// Turns an action into the objects it concerns; runs under the lock.
    private func resolve(
        _ action: ConnectionPoolStateMachine.Action, arriving: Exchange?, in state: inout State
    ) -> Effects {
        var effects = Effects()
        func take(_ request: RequestID) -> Exchange? {
            if let arriving, arriving.id == request { return arriving }
            guard let waiting = state.waiting.removeValue(forKey: request) else { return nil }
            waiting.timer.cancel()
            return waiting.exchange
        }
        switch action.request {
        case .none, .retry:
            break
        case .run(let request, let id):
            guard let exchange = take(request) else { break }
            if let connection = state.connections[id] {
                effects.run = (exchange, connection)
            } else {
                effects.failures.append((exchange, .closed(by: endpoint, duringResponse: false)))
            }
        case .queue(let request):
            guard let exchange = arriving, exchange.id == request else { break }
            let timer = timerLoop.scheduleTask(deadline: exchange.deadline) { [weak self] () -> Void in
                self?.requestTimedOut(request)
            }
            state.waiting[request] = Waiting(exchange: exchange, timer: timer)
        case .fail(let request, let failure):
            if let exchange = take(request) { effects.failures.append((exchange, attemptFailure(failure, exchange))) }
        case .failAll(let requests, let failure):
            for request in requests {
                if let exchange = take(request) { effects.failures.append((exchange, attemptFailure(failure, exchange))) }
            }
        }
        switch action.connection {
        case .none:
            break
        case .create(let id):
            effects.open = id
        case .close(let id):
            if let connection = state.connections[id] { effects.close.append(connection) }
        case .armIdleTimer(let id, let deadline):
            if let connection = state.connections[id] { effects.idleTimer = (connection, deadline) }
        case .abort(let request, let id, let failure):
            if let connection = state.connections[id] {
                effects.abort.append((connection, request, attemptFailure(failure, nil)))
            }
        case .shutDown(let closing, let aborting):
            effects.close = closing.compactMap { state.connections[$0] }
            effects.abort = aborting.compactMap { id in
                state.connections[id].map { ($0, nil, attemptFailure(.shutdown, nil)) }
            }
        }
        if state.machine.isDrained {
            effects.drained = state.drainWaiters
            state.drainWaiters = []
        }
        effects.isUnused =
            state.machine.lifecycle == .running && state.machine.connections.isEmpty && state.machine.queue.isEmpty
        return effects
    }

    /// Performs the effects of one event, outside the lock.
    private func perform(_ effects: Effects) {
        if let (exchange, connection) = effects.run { connection.run(exchange) }
        for (exchange, failure) in effects.failures { exchange.finish(.failure(failure)) }
        if let id = effects.open { factory.open(id, for: self) }
        for connection in effects.close { connection.close() }
        for (connection, request, failure) in effects.abort { connection.abort(request, failure) }
        if let (connection, deadline) = effects.idleTimer {
            let id = connection.id
            connection.channel.eventLoop.scheduleTask(deadline: deadline) { [weak self] () -> Void in
                self?.idleTimerFired(id)
            }
        }
        for waiter in effects.drained { waiter.resume() }
        if effects.isUnused { whenUnused(self) }
    }

    /// The failure a request ends with when the pool ends it.
    private func attemptFailure(
        _ failure: ConnectionPoolStateMachine.RequestFailure, _ exchange: Exchange?
    ) -> AttemptFailure {
        switch failure {
        case .connectFailed(let failure): failure
        case .deadline: .timedOut(after: exchange?.timeout ?? .seconds(0), address: preferredAddresses.first)
        case .cancelled: .cancelled(address: preferredAddresses.first)
        case .shutdown: .shuttingDown(address: nil)
        }
    }

    /// The first checked address and the port, for messages about a connection that is gone.
    private var endpoint: SocketEndpoint {
        SocketEndpoint(address: preferredAddresses.first ?? .v4(0), port: origin.port)
    }
}
