import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `Daemon.Status` and `hookctl status` show the whole cluster from any daemon.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct ClusterStatusIntegrationTests {
    @Test("any daemon's Daemon.Status and hookctl status list every node with its last heartbeat and what it holds; a killed one turns dead and its work moves")
    func statusListsTheCluster() async throws {
        let silent = try await SilentEndpoint.start()
        do {
            try await TestCluster.with(heartbeat: "500ms") { cluster in
                let clients = cluster.clients
                try await Loyalty.seed(clients[0])
                _ = try await Loyalty.webhook(clients[0], name: "slow", url: silent.url, events: ["customer.*"])
                for _ in 0..<2 { _ = try await Loyalty.publish(clients[1], type: "customer.created") }
                // Both attempts hang on node-1.
                try await cluster.waitUntil("node-1 holding both deliveries") {
                    try await Self.nodes(clients[0]).map(\.held) == [0, 2, 0]
                }
                let status = try await clients[0].call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                #expect(status.nodeId == "node-0")
                let nodes = try #require(status.nodes)
                #expect(nodes.map(\.id) == ["node-0", "node-1", "node-2"])
                #expect(nodes.allSatisfy { $0.alive && abs($0.heartbeatAt.timeIntervalSinceNow) < 10 })

                let text = try await Hookctl(cluster.daemons[2]).succeed(["status"])
                let lines = text.split(separator: "\n").map(String.init)
                let nodeLine = { (id: String) in lines.first { $0.hasPrefix("Node \(id)") } ?? "" }
                #expect(nodeLine("node-1").contains("alive, heartbeat") && nodeLine("node-1").hasSuffix("holding 2"), "\(text)")
                #expect(nodeLine("node-2").hasSuffix("holding 0 (this daemon)"), "\(text)")

                try await cluster.daemons[1].kill()
                try await cluster.waitUntil("node-1 dead and its deliveries taken over") {
                    let nodes = try await Self.nodes(clients[2])
                    return nodes.map(\.alive) == [true, false, true] && nodes[1].held == 0
                        && nodes[0].held + nodes[2].held == 2
                }
                let after = try await Hookctl(cluster.daemons[0]).succeed(["status"])
                #expect(after.contains("dead, heartbeat"), "\(after)")
            }
        } catch {
            try? await silent.stop()
            throw error
        }
        try await silent.stop()
    }

    @Test("a dead node is listed for --list-dead-nodes-for after it turns dead, then no more")
    func deadNodesListedFor() async throws {
        try await TestCluster.with(count: 2, heartbeat: "200ms", arguments: ["--list-dead-nodes-for", "1s"]) { cluster in
            try await cluster.waitUntil("both nodes listed alive") {
                try await Self.nodes(cluster.clients[0]).map(\.alive) == [true, true]
            }
            try await cluster.daemons[1].kill()
            try await cluster.waitUntil("node-1 listed dead") {
                try await Self.nodes(cluster.clients[0]).map(\.alive) == [true, false]
            }
            try await cluster.waitUntil("node-1 no longer listed") {
                try await Self.nodes(cluster.clients[0]).map(\.id) == ["node-0"]
            }
        }
    }

    private static func nodes(_ client: RPCClient) async throws -> [ClusterNode] {
        try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self).nodes ?? []
    }
}
