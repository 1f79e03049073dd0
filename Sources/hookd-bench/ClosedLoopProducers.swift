import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// Publishes as fast as the daemon acknowledges: `connections` producers, each on its own
/// socket connection, each sending its next call as soon as the previous one is answered.
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
        let clients = daemons.flatMap { daemon in (0..<connections).map { _ in daemon.client() } }
        // Connect first, so the clock does not time connection set-up.
        for client in clients { _ = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self) }
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                let share = count / clients.count + (index < count % clients.count ? 1 : 0)
                group.addTask {
                    try await publish(share, ids: "\(idPrefix)-\(index)", on: client)
                }
            }
            try await group.waitForAll()
        }
        let finished = ContinuousClock.now
        for client in clients { await client.close() }
        return Run(events: count, started: started, finished: finished)
    }

    private func publish(_ count: Int, ids prefix: String, on client: RPCClient) async throws {
        var sent = 0
        while sent < count {
            let size = min(batch, count - sent)
            let inputs = (sent..<sent + size).map { CustomerCreated.input(id: "\(prefix)-\($0)") }
            try await shape.publish(inputs, on: client)
            sent += size
        }
    }
}
