import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Daemon.*`: what is running and whether it is healthy.
enum DaemonHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.daemonHealth) { (_: EmptyParams, _) in
            // One row, not the counts of `Daemon.Status`: those scan the whole history, and
            // health probes come every few seconds.
            try await services.store.probeRead()
            guard let fault = await services.storageHealth.recheck(services.store) else {
                return HealthResult(status: "ok")
            }
            return HealthResult(status: "degraded", reason: fault.reason, cause: fault.message)
        }
        router.register(.daemonStatus) { (_: EmptyParams, _) in
            let stats = try await services.store.statistics()
            let now = Date()
            return DaemonStatusResult(
                version: HookdVersion.current, pid: ProcessInfo.processInfo.processIdentifier,
                startedAt: services.startedAt, uptimeSeconds: Int64(now.timeIntervalSince(services.startedAt)),
                socket: services.configuration.socketPath, dataDir: services.configuration.dataDirectory,
                store: services.configuration.database == nil ? "sqlite" : "postgres", allowInsecureTargets: services.configuration.allowInsecureTargets,
                allowedTargets: allowedTargets(services.configuration),
                queued: await services.engine.queuedCount, inFlight: await services.engine.inFlightCount,
                queuedRetries: await services.engine.queuedRetryCount,
                inFlightRetries: await services.engine.inFlightRetryCount, counts: stats,
                // PostgreSQL decides its own durability (synchronous_commit).
                durability: services.configuration.database == nil ? services.configuration.durability.rawValue : nil,
                maxRequestBytes: services.configuration.maximumFrameBytes, nodeId: services.configuration.nodeId,
                nodes: try await nodes(services, at: now))
        }
    }

    /// The daemons on the store; alive while their heartbeat is younger than the node timeout.
    /// A dead node is listed for `--list-dead-nodes-for` after it counts as dead, or while it
    /// still holds work.
    private static func nodes(_ services: DaemonServices, at now: Date) async throws -> [ClusterNode] {
        let timeout = services.configuration.nodeTimeout.timeInterval
        let listedFor = services.configuration.deadNodesListedFor.timeInterval
        return try await services.store.nodes().compactMap { node in
            let silent = now.timeIntervalSince(node.heartbeat)
            guard silent <= timeout + listedFor || node.held > 0 else { return nil }
            return ClusterNode(
                id: node.id, startedAt: node.started, heartbeatAt: node.heartbeat, alive: silent <= timeout,
                held: node.held)
        }
    }

    /// The `--allow-target` ranges as CIDR text; `nil` (left out) when there are none.
    private static func allowedTargets(_ configuration: DaemonConfiguration) -> [String]? {
        configuration.allowedTargets.isEmpty ? nil : configuration.allowedTargets.map(\.description)
    }
}
