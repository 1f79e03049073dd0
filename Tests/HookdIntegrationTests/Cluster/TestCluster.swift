import Foundation
import HookdAPI
import HookdRPC
import HookdTesting
import Testing

/// Several real `hookd` daemons on one fresh database of the PostgreSQL test cluster, each
/// with its own data directory, socket and node id (`node-0`, `node-1`, ...).
final class TestCluster: Sendable {
    let database: TestDatabase
    let daemons: [RunningDaemon]
    let clients: [RPCClient]

    private init(database: TestDatabase, daemons: [RunningDaemon]) {
        self.database = database
        self.daemons = daemons
        clients = daemons.map { $0.client() }
    }

    /// Starts `count` daemons on a new database (each beating every `heartbeat`, so one is
    /// dead after three, and given `arguments` besides), runs `body`, then kills them and drops
    /// the database, printing the daemons' logs when `body` threw.
    static func with<T>(
        count: Int = 3, heartbeat: String = "1s", arguments: [String] = [], _ body: (TestCluster) async throws -> T
    ) async throws -> T {
        let database = try await TestDatabase.create()
        var daemons: [RunningDaemon] = []
        do {
            for index in 0..<count {
                let root = try TemporaryDirectory(prefix: "hookd-cluster")
                daemons.append(
                    try await RunningDaemon.launch(
                        arguments: [
                            "--data-dir", root.path + "/data", "--allow-insecure-targets", "--database", database.url,
                            "--node-id", "node-\(index)", "--heartbeat-interval", heartbeat,
                        ] + arguments,
                        dataDirectory: root.path + "/data", root: root, logLevel: "info"))
            }
        } catch {
            for daemon in daemons { await daemon.cleanUp() }
            await database.drop()
            throw error
        }
        let cluster = TestCluster(database: database, daemons: daemons)
        do {
            let result = try await body(cluster)
            await cluster.tearDown()
            return result
        } catch {
            for (index, daemon) in daemons.enumerated() { print("hookd node-\(index) log:\n\(daemon.log)") }
            await cluster.tearDown()
            throw error
        }
    }

    private func tearDown() async {
        for client in clients { await client.close() }
        for daemon in daemons { await daemon.cleanUp() }
        await database.drop()
    }

    /// The first column of `sql`'s rows on the shared database, as text.
    func strings(_ sql: String) async throws -> [String?] {
        try await database.strings(sql)
    }

    /// Polls `condition` until it holds (the daemons are other processes: there is nothing
    /// to await), throwing `WaitTimeout` naming `what` after `timeout`.
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "\(what) within \(timeout)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
