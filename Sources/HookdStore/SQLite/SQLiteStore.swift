import Foundation
internal import GRDB
import HookdCore

/// The embedded store: one SQLite file in WAL mode, through a GRDB `DatabasePool`.
///
/// Writes are serialized by the pool's single writer connection and each `Store` method
/// is one transaction; reads run concurrently on snapshots, never blocked by a write.
public final class SQLiteStore: Store {
    /// The file name `open(dataDirectory:)` uses inside the data directory.
    public static let fileName = "hookd.sqlite"

    /// How long a statement waits for a lock held by another process before failing.
    static let busyTimeout: TimeInterval = 5

    /// The connection pool; it is `Sendable` and guards its connections itself.
    let database: DatabasePool

    /// The accounts and event types as last committed, forgotten on every change to them.
    let catalogCache = CatalogCache()

    /// Each account's webhooks as last committed, for the writer's fan-out; forgotten on
    /// every change to `webhooks`.
    let committedWebhooks = CommittedWebhooks()

    /// The database file's path.
    public var path: String { database.path }

    /// Whether commits wait for the disk (also applied to the checkpointing connection).
    let durability: Durability

    /// Seals webhook secrets before they are stored and opens them when read; `nil` keeps
    /// them in the clear (`hookd --secret-key-file`).
    let secretSealer: SecretSealer?

    /// Opens the database file at `path`, creating it when missing, and brings its schema
    /// up to date.
    ///
    /// The file is put in WAL mode, with foreign keys enforced and a busy timeout, and
    /// every transaction is synced to disk before it is reported committed (an accepted
    /// event survives a power cut, not only a crash) unless `durability` is `.normal`.
    ///
    /// With `secretKey`, webhook secrets are stored sealed with it (ChaCha20-Poly1305); the
    /// store then refuses to open while any secret is in the clear or sealed with another
    /// key, and without a key it refuses sealed secrets (`SecretsAtRestError`).
    public convenience init(path: String, durability: Durability = .full, secretKey: SecretKey? = nil) throws {
        try self.init(path: path, durability: durability, secretKey: secretKey, checkingSecrets: true)
    }

    init(path: String, durability: Durability, secretKey: SecretKey?, checkingSecrets: Bool) throws {
        self.durability = durability
        secretSealer = secretKey.map(SecretSealer.init)
        _ = SQLiteWALWrites.installed
        var configuration = Configuration()
        configuration.label = "hookd"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
        }
        database = try DatabasePool(path: path, configuration: configuration)
        // GRDB's pool puts its writer in WAL mode with `synchronous = NORMAL` after
        // `prepareDatabase` has run, so the setting is made again on the writer itself
        // (`StoreTests` reads it back).
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
        }
        try Migrations.migrator.migrate(database)
        if checkingSecrets {
            let sealer = secretSealer
            try database.read { db in try Self.checkSecretsAtRest(sealer: sealer, in: db) }
        }
        database.add(transactionObserver: catalogCache, extent: .databaseLifetime)
        database.add(transactionObserver: committedWebhooks, extent: .databaseLifetime)
    }

    /// Opens (or creates) `hookd.sqlite` in `dataDirectory`, creating the directory with
    /// mode 0700 when it does not exist.
    public static func open(
        dataDirectory: String, durability: Durability = .full, secretKey: SecretKey? = nil
    ) throws -> SQLiteStore {
        let manager = FileManager.default
        if !manager.fileExists(atPath: dataDirectory) {
            try manager.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let url = URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent(fileName)
        return try SQLiteStore(path: url.path, durability: durability, secretKey: secretKey)
    }

    /// The revision of the configuration (accounts, event types, webhooks): every write to
    /// it advances the revision in the same transaction, so a plan computed at revision N
    /// can tell whether anything changed since.
    public func stateRevision() async throws -> Int64 {
        try await database.read(StateRevision.current)
    }

    /// How SQLite would run `sql` with integer `arguments`: the detail lines of
    /// `EXPLAIN QUERY PLAN` (for tests).
    func queryPlan(of sql: String, arguments: [Int64] = []) async throws -> [String] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(arguments))
                .map { $0["detail"] }
        }
    }

    /// `PRAGMA synchronous` as the writer connection has it (2: FULL, 1: NORMAL).
    func synchronousSetting() async throws -> Int {
        try await database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The journal mode SQLite reports for the file (`wal`).
    func journalMode() async throws -> String {
        try await database.read { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
        }
    }
}
