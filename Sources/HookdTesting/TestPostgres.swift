import Foundation
import HookdStore
import Logging
import PostgresNIO

/// The throw-away PostgreSQL cluster tests run against (`scripts/postgres-test-cluster`,
/// started by `scripts/test`), named by `HOOKD_TEST_POSTGRES_URL`; every test gets a fresh
/// database of its own on it.
///
/// Without the variable the PostgreSQL variants of tests are skipped, saying why, except
/// with `CI` set: there a missing database is a failure, never a silent skip.
public enum TestPostgres {
    /// The environment variable holding the cluster's URL.
    public static let urlVariable = "HOOKD_TEST_POSTGRES_URL"

    /// The cluster's URL; `nil` when none is set.
    public static var clusterURL: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether PostgreSQL variants run: a cluster is named, or CI demands them (and then
    /// fails without one).
    public static var isRequested: Bool {
        clusterURL != nil || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true
    }

    /// Whether test daemons keep their state on the cluster: `HOOKD_TEST_DAEMON_STORE=postgres`.
    public static var daemonsUsePostgres: Bool {
        ProcessInfo.processInfo.environment["HOOKD_TEST_DAEMON_STORE"] == "postgres"
    }

    /// Why PostgreSQL variants are skipped here.
    public static let skipReason =
        "PostgreSQL variants skipped: \(urlVariable) is not set (scripts/test starts a throw-away cluster with scripts/postgres-test-cluster)"

    /// A logger quiet below errors, for stores the tests open.
    public static var logger: Logger {
        var logger = Logger(label: "hookd-test-postgres")
        logger.logLevel = .error
        return logger
    }

    /// Creates an empty database on the cluster, runs `body` with its URL, then drops it.
    public static func withDatabase(_ body: (String) async throws -> Void) async throws {
        let database = try await TestDatabase.create()
        do {
            try await body(database.url)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}

/// One database made for one test on the test cluster.
public struct TestDatabase: Sendable {
    /// The database's URL, for `hookd --database` or `PostgresLocation`.
    public let url: String
    /// The database's name on the cluster.
    public let name: String
    private let cluster: PostgresLocation

    /// Creates a database with a fresh name on the cluster `HOOKD_TEST_POSTGRES_URL` names.
    public static func create() async throws -> TestDatabase {
        try await create(named: "hookd_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
    }

    /// The database that goes with a daemon's data directory (its name derived from the
    /// path), created unless it exists: a daemon started again on the directory finds it.
    public static func create(for dataDirectory: String) async throws -> TestDatabase {
        // FNV-1a of the path: stable across processes, unlike `hashValue`.
        let hash = dataDirectory.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return try await create(named: "hookd_test_dir_" + String(hash, radix: 16), reusing: true)
    }

    /// Creates a database with a fresh name on the server `serverURL` names (its user needs
    /// the right to create databases): for `hookd-bench --database`, whose every daemon starts
    /// on an empty one.
    public static func create(on serverURL: String) async throws -> TestDatabase {
        try await create(
            named: "hookd_bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(),
            on: serverURL)
    }

    private static func create(
        named name: String, on serverURL: String? = TestPostgres.clusterURL, reusing: Bool = false
    ) async throws -> TestDatabase {
        guard let clusterURL = serverURL, var components = URLComponents(string: clusterURL) else {
            throw TestPostgresError.notConfigured
        }
        let cluster = try PostgresLocation(url: clusterURL)
        do {
            _ = try await run("CREATE DATABASE \(name)", on: cluster)
        } catch let error as PSQLError where reusing && error.serverInfo?[.sqlState] == "42P04" {
            // duplicate_database: made by an earlier daemon on the same directory.
        }
        components.path = "/" + name
        return TestDatabase(url: components.string ?? clusterURL, name: name, cluster: cluster)
    }

    /// The same database over the cluster's Unix socket (`?host=DIR&port=PORT`), when
    /// `HOOKD_TEST_POSTGRES_SOCKET_DIR` names the socket's directory; `nil` otherwise.
    public var socketURL: String? {
        guard let directory = ProcessInfo.processInfo.environment["HOOKD_TEST_POSTGRES_SOCKET_DIR"],
            !directory.isEmpty, case .tcp(_, let port) = cluster.endpoint
        else { return nil }
        return "postgres://\(cluster.username)@/\(name)?host=\(directory)&port=\(port)"
    }

    /// Drops the database, closing whatever is still connected to it.
    public func drop() async {
        _ = try? await Self.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: cluster)
    }

    /// The first column of every row `sql` returns on this database, as text (`::text` in
    /// the query for other types); for tests that look beneath the daemon.
    public func strings(_ sql: String) async throws -> [String?] {
        var location = cluster
        location.database = name
        return try await Self.run(sql, on: location)
    }

    /// Runs one statement on the database `cluster` names,
    /// returning the first column of its rows as text.
    private static func run(_ sql: String, on cluster: PostgresLocation) async throws -> [String?] {
        let configuration: PostgresConnection.Configuration
        switch cluster.endpoint {
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: cluster.username, password: cluster.password,
                database: cluster.database, tls: .disable)
        case .unixSocket(let path):
            configuration = .init(
                unixSocketPath: path, username: cluster.username, password: cluster.password,
                database: cluster.database)
        }
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: TestPostgres.logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.logger).collect()
            try? await connection.close()
            return try rows.map { row in try row.makeRandomAccess()[0].decode(String?.self) }
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// The PostgreSQL variant of a test cannot run.
public enum TestPostgresError: Error, CustomStringConvertible {
    /// `HOOKD_TEST_POSTGRES_URL` is not set where a database is needed.
    case notConfigured

    /// What is missing and how to start a cluster.
    public var description: String {
        "no PostgreSQL test cluster: \(TestPostgres.urlVariable) is not set, and with CI (or HOOKD_TEST_DAEMON_STORE=postgres) a missing database is a failure; start one with scripts/postgres-test-cluster start"
    }
}
