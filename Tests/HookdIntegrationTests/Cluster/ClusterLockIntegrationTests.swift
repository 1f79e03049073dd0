import Foundation
import HookdTesting
import Logging
import PostgresNIO
import Testing

/// A running daemon's shared lock on the database after the database cut its connection (as a
/// restart does; `pg_terminate_backend` here, deterministic and quick).
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct ClusterLockIntegrationTests {
    /// `PostgresDaemonLock.key`: "hookd" in ASCII, then 3.
    private static let key: Int64 = 0x686F_6F6B_6400_0003

    @Test("a daemon whose lock connection is cut takes the lock again; when a maintenance command got in first, it stops saying so")
    func lockTakenAgainOrDaemonStops() async throws {
        try await TestCluster.with(count: 1) { cluster in
            let daemon = cluster.daemons[0]
            var first: [Int32] = []
            try await cluster.waitUntil("the daemon holding its lock") {
                first = try await Self.holders(cluster)
                return first.count == 1
            }
            try await Self.terminate(first, cluster)
            try await cluster.waitUntil("the lock held again on another connection") {
                let now = try await Self.holders(cluster)
                return now.count == 1 && now != first
            }
            #expect(daemon.log.contains("took the database's shared lock again"), "\(daemon.log)")

            // A maintenance command takes the database while the daemon has no lock: cut the
            // daemon's lock connection until the command's exclusive lock wins the race.
            let maintenance = try await Self.connect(cluster.database.url)
            do {
                try await cluster.waitUntil("the maintenance lock taken") {
                    try await Self.terminate(try await Self.holders(cluster), cluster)
                    return try await maintenance.query("SELECT pg_try_advisory_lock(\(Self.key))", logger: Self.logger)
                        .collect().first?.decode(Bool.self) == true
                }
                let status = try await daemon.signal(0)
                #expect(status != 0)
                #expect(
                    daemon.log.contains("a maintenance command (hookd copy-store or hookd secrets) took the database"),
                    "\(daemon.log)")
            } catch {
                try? await maintenance.close()
                throw error
            }
            try await maintenance.close()
        }
    }

    private static let logger = Logger(label: "ClusterLockIntegrationTests")

    /// The backends holding the daemon lock on the cluster's database.
    private static func holders(_ cluster: TestCluster) async throws -> [Int32] {
        try await cluster.strings(
            """
            SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted
                AND classid::bigint = \(key >> 32) AND objid::bigint = \(key & 0xFFFF_FFFF) AND objsubid = 1
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY pid
            """
        ).compactMap { $0.flatMap { Int32($0) } }
    }

    /// Ends the backends `pids`, waiting (at most 10 s) until each has gone.
    private static func terminate(_ pids: [Int32], _ cluster: TestCluster) async throws {
        for pid in pids { _ = try await cluster.strings("SELECT pg_terminate_backend(\(pid), 10000)::text") }
    }

    /// A connection of the test's own to the database `url` names (`postgres://USER@HOST:PORT/DB`).
    private static func connect(_ url: String) async throws -> PostgresConnection {
        let parts = try #require(URLComponents(string: url))
        let configuration = PostgresConnection.Configuration(
            host: try #require(parts.host), port: parts.port ?? 5432, username: try #require(parts.user),
            password: parts.password, database: String(parts.path.dropFirst()), tls: .disable)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }
}
