import HookdCore
import NIOCore
import Synchronization

/// Every connection pool of a sender, one per `PinnedOrigin`, made on first use and dropped
/// once it has no connection left.
final class ConnectionPools: Sendable {
    private struct Registry {
        var pools: [PinnedOrigin: ConnectionPool] = [:]
        var isShutDown = false
    }

    /// Guards the pool of each origin and whether shutdown has begun.
    private let registry = Mutex(Registry())
    private let requestNumbers = Atomic<Int>(0)
    private let factory: ConnectionFactory
    private let maximumConnections: Int
    private let idleTimeout: TimeAmount

    init(factory: ConnectionFactory, maximumConnectionsPerOrigin: Int, idleTimeout: Interval) {
        self.factory = factory
        self.maximumConnections = maximumConnectionsPerOrigin
        self.idleTimeout = .milliseconds(idleTimeout.milliseconds)
    }

    /// A fresh request id.
    func nextRequestID() -> RequestID {
        RequestID(number: requestNumbers.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// Runs `exchange` on the pool of `origin`, whose connections try `addresses` in this order.
    func execute(_ exchange: Exchange, on origin: PinnedOrigin, addresses: [IPAddress]) {
        // A pool retires only while it has nothing to do; one caught retiring is already out
        // of the registry, so the next lookup makes a fresh one.
        while true {
            guard let pool = pool(for: origin, addresses: addresses) else {
                exchange.finish(.failure(.shuttingDown(address: nil)))
                return
            }
            if pool.execute(exchange) { return }
        }
    }

    /// Ends a request whose task was cancelled.
    func cancel(_ request: RequestID, on origin: PinnedOrigin) {
        registry.withLock { $0.pools[origin] }?.cancel(request)
    }

    /// Shuts every pool down; returns once every connection has closed. Requests made
    /// afterwards fail at once.
    func shutdown() async {
        let pools = registry.withLock { registry in
            registry.isShutDown = true
            defer { registry.pools = [:] }
            return Array(registry.pools.values)
        }
        await withTaskGroup(of: Void.self) { group in
            for pool in pools { group.addTask { await pool.shutdown() } }
        }
    }

    /// How many pools exist (for tests).
    var poolCount: Int { registry.withLock { $0.pools.count } }

    /// The pool of `origin`, made when there is none; `nil` once shut down.
    func pool(for origin: PinnedOrigin, addresses: [IPAddress]) -> ConnectionPool? {
        registry.withLock { registry in
            guard !registry.isShutDown else { return nil }
            if let pool = registry.pools[origin] { return pool }
            let pool = ConnectionPool(
                origin: origin, preferredAddresses: addresses, factory: factory, maximumConnections: maximumConnections,
                idleTimeout: idleTimeout, whenUnused: { [weak self] pool in self?.drop(pool) })
            registry.pools[origin] = pool
            return pool
        }
    }

    /// Drops a pool that has nothing left, unless a request got to it first.
    private func drop(_ pool: ConnectionPool) {
        registry.withLock { registry in
            guard registry.pools[pool.origin] === pool, pool.retireIfUnused() else { return }
            registry.pools[pool.origin] = nil
        }
    }
}
