import HookdAPI
import HookdCore
import HookdTesting

/// Publishes as fast as the daemon acknowledges: `connections` producers, each on its own
/// socket connection, each sending its next call as soon as the previous one is answered.
///
/// The calls are encoded before the clock starts and sent by ``ClosedLoopPublisher`` from an
/// event loop of its own, which reads each answer only for how many results and errors it
/// holds: the producers take about as little of the machine as `wrk` does from nginx.
struct ClosedLoopProducers {
    /// Producer connections.
    var connections: Int
    /// Events per group a producer sends before waiting (1: single publishes).
    var batch: Int
    /// How each group is sent.
    var shape: PublishShape = .events

    /// What one publishing run did.
    struct Run {
        var events: Int
        var started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant

        /// Acknowledged events per second.
        var perSecond: Double { Double(events) / (finished - started).seconds }
    }

    /// Publishes `count` events with ids `PREFIX-CONNECTION-N`, split evenly over the
    /// connections, and returns once every one is acknowledged.
    func publish(count: Int, idPrefix: String, to daemon: RunningDaemon) async throws -> Run {
        try await publish(count: count, idPrefix: idPrefix, across: [daemon])
    }

    /// Publishes `count` events as ``publish(count:idPrefix:to:)`` does, `connections`
    /// producers on each daemon (several daemons on one database share the events evenly).
    func publish(count: Int, idPrefix: String, across daemons: [RunningDaemon]) async throws -> Run {
        let sockets = daemons.flatMap { daemon in Array(repeating: daemon.socketPath, count: connections) }
        let producers = try sockets.enumerated().map { index, socketPath in
            let share = count / sockets.count + (index < count % sockets.count ? 1 : 0)
            return (socketPath: socketPath, groups: try groups(share, ids: "\(idPrefix)-\(index)"))
        }
        var started = ContinuousClock.now
        try await ClosedLoopPublisher().run(producers: producers) { started = ContinuousClock.now }
        return Run(events: count, started: started, finished: ContinuousClock.now)
    }

    /// A producer's `count` events in groups of `batch`, ids `PREFIX-N`.
    private func groups(_ count: Int, ids prefix: String) throws -> [PublishGroup] {
        try stride(from: 0, to: count, by: max(1, batch)).map { first in
            let inputs = (first..<min(first + max(1, batch), count)).map { CustomerCreated.input(id: "\(prefix)-\($0)") }
            return try shape.group(inputs, firstID: first)
        }
    }
}
