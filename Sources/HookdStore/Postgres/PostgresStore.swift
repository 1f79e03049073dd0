import Foundation
import HookdCore
public import Logging
internal import NIOCore
internal import NIOSSL
internal import PostgresNIO
import Synchronization

/// The store on a PostgreSQL database (`hookd --database postgres://...`), through a pool of
/// connections (postgres-nio's `PostgresClient`).
///
/// It keeps the SQLite store's semantics: each `Store` method is one transaction, and every
/// write transaction first takes one transaction-scoped advisory lock (`writerLockKey`), so
/// writes are serialized as SQLite's single writer serializes them: publish numbers grow in
/// commit order, plan limits and applies never interleave. Reads never take it. Claims pick
/// their rows with `FOR UPDATE SKIP LOCKED`. Several daemons may share the database: each
/// holds work under its node id while its heartbeat is fresh (see `PostgresStore+Queue`), and
/// they hear of each other's changes through `PostgresNotice`.
public final class PostgresStore: Store {
    /// The advisory lock key every write transaction takes ("hookd" in ASCII, then 2).
    static let writerLockKey: Int64 = 0x686F_6F6B_6400_0002

    /// Where the database is (its password never logged).
    public let location: PostgresLocation

    let client: PostgresClient
    /// Runs the pool (`PostgresClient.run`) until `close()` cancels it.
    private let runner: Task<Void, Never>
    let logger: Logger

    /// Seals webhook secrets before they are stored and opens them when read; `nil` keeps
    /// them in the clear (`hookd --secret-key-file`).
    let secretSealer: SecretSealer?

    /// How long a node may go without a heartbeat before it counts as dead and the
    /// deliveries it holds may be claimed by others (stored milliseconds).
    let nodeTimeout: Int64
    /// How long a new connection may take (the pool's, and `listen`'s own).
    let connectTimeout: Duration

    /// The catalog with the state revision it was read at; guards nothing else. Any daemon
    /// may change the catalog, so it is kept only while the revision stays the same.
    let catalogCache = Mutex<(revision: Int64, catalog: Catalog)?>(nil)

    /// Connects to `location`, applies the migrations the database lacks (under an advisory
    /// lock, so whichever daemon starts first applies them) and checks the secrets at rest as
    /// `SQLiteStore` does. Throws `PostgresUnavailableError` when the database cannot be
    /// reached or refuses the login, and `SecretsAtRestError` for secrets `secretKey` cannot
    /// serve. A node whose heartbeat is older than `nodeTimeout` counts as dead.
    public static func open(
        _ location: PostgresLocation, secretKey: SecretKey? = nil, maximumConnections: Int = 8,
        connectTimeout: Duration = .seconds(10), nodeTimeout: Duration = .seconds(30), logger: Logger
    ) async throws -> PostgresStore {
        let sealer = secretKey.map(SecretSealer.init)
        let connection = try await connect(location, timeout: connectTimeout, logger: logger)
        do {
            let session = PostgresSession(connection: connection, logger: logger)
            let applied = try await PostgresMigrations.migrate(session)
            if !applied.isEmpty {
                logger.info("migrated the database", metadata: ["migrations": "\(applied.joined(separator: ","))"])
            }
            try await checkSecretsAtRest(sealer: sealer, in: session)
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
        return PostgresStore(
            location: location, sealer: sealer, maximumConnections: maximumConnections,
            connectTimeout: connectTimeout, nodeTimeout: nodeTimeout, logger: logger)
    }

    private init(
        location: PostgresLocation, sealer: SecretSealer?, maximumConnections: Int, connectTimeout: Duration,
        nodeTimeout: Duration, logger: Logger
    ) {
        self.location = location
        self.connectTimeout = connectTimeout
        let (seconds, attoseconds) = nodeTimeout.components
        self.nodeTimeout = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        secretSealer = sealer
        self.logger = logger
        var configuration = Self.clientConfiguration(location)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = connectTimeout
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        // Started at once, so the pool counts as running before the first query asks it for
        // a connection (postgres-nio warns of a lease from a client not yet run).
        runner = Task.immediate { await client.run() }
    }

    deinit {
        runner.cancel()
    }

    /// Closes every connection; the store cannot be used afterwards.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// The revision of the configuration (see `SQLiteStore.stateRevision()`).
    public func stateRevision() async throws -> Int64 {
        try await read { session in try await Self.stateRevision(session) }
    }

    static func stateRevision(_ session: PostgresSession) async throws -> Int64 {
        try await session.value(Int64.self, "SELECT state_revision FROM meta WHERE id = 1") ?? 0
    }

    /// Advances the revision inside a write (see `StateRevision.advance`).
    static func advanceStateRevision(_ session: PostgresSession) async throws {
        try await session.execute("UPDATE meta SET state_revision = state_revision + 1 WHERE id = 1")
    }

    // MARK: Transactions

    /// Runs `body` in a write transaction: the writer lock first, then `body`, then commit
    /// (rollback when it throws).
    func write<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN") { session in
            try await session.execute("SELECT pg_advisory_xact_lock(\(Self.writerLockKey))")
            return try await body(session)
        }
    }

    /// Runs `body` in a read-only transaction on one snapshot, so what it reads is consistent.
    func read<Result: Sendable>(_ body: (PostgresSession) async throws -> Result) async throws -> Result {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<Result: Sendable>(
        _ begin: PostgresQuery, _ body: (PostgresSession) async throws -> Result
    ) async throws -> Result {
        let logger = logger
        return try await client.withConnection { connection in
            let session = PostgresSession(connection: connection, logger: logger)
            try await session.execute(begin)
            let result: Result
            do {
                result = try await body(session)
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            try await session.execute("COMMIT")
            return result
        }
    }

    // MARK: Connecting

    /// One connection, made directly (not through the pool) so that a database that is down
    /// or refuses the login fails at once with the server's reason.
    static func connect(_ location: PostgresLocation, timeout: Duration, logger: Logger) async throws
        -> PostgresConnection
    {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch location.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(
                host: host, port: port, username: location.username, password: location.password,
                database: location.database, tls: tls)
        case .unixSocket(let path):
            configuration = .init(
                unixSocketPath: path, username: location.username, password: location.password,
                database: location.database)
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000)
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw PostgresUnavailableError(location: location, error: error)
        }
    }

    private static func clientConfiguration(_ location: PostgresLocation) -> PostgresClient.Configuration {
        switch location.endpoint {
        case .tcp(let host, let port):
            let tls: PostgresClient.Configuration.TLS
            switch location.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(.makeClientConfiguration())
            case .require: tls = .require(.makeClientConfiguration())
            }
            return .init(
                host: host, port: port, username: location.username, password: location.password,
                database: location.database, tls: tls)
        case .unixSocket(let path):
            return .init(
                unixSocketPath: path, username: location.username, password: location.password,
                database: location.database)
        }
    }
}
