import Foundation
import HookdCore
import HookdDelivery
import HookdStore
import Logging
import ServiceLifecycle

/// The store the daemon runs on: SQLite in the data directory, or the PostgreSQL database
/// `--database` names. Each brings what only it needs (SQLite its checkpointer).
enum DaemonStore: Sendable {
    case sqlite(SQLiteStore)
    /// The store on a database other daemons may share, and the lock it shares with them that
    /// keeps the maintenance commands (copy-store, secrets) off the database while it runs.
    case postgres(PostgresStore, PostgresDaemonLock)

    /// Opens the store `configuration` asks for; throws with the reason when it cannot
    /// (a database that is down or refuses the login, secrets the key cannot serve).
    static func open(
        _ configuration: DaemonConfiguration, secretKey: SecretKey?, logger: Logger
    ) async throws -> DaemonStore {
        if let database = configuration.database {
            let lock = try await PostgresDaemonLock.acquire(database.location, as: .daemon, logger: logger)
            do {
                return .postgres(
                    try await PostgresStore.open(
                        database.location, secretKey: secretKey, nodeTimeout: configuration.nodeTimeout.duration,
                        logger: logger),
                    lock)
            } catch {
                await lock.release()
                throw error
            }
        }
        return .sqlite(
            try SQLiteStore.open(
                dataDirectory: configuration.dataDirectory, durability: configuration.durability, secretKey: secretKey))
    }

    var store: any Store {
        switch self {
        case .sqlite(let store): store
        case .postgres(let store, _): store
        }
    }

    /// `sqlite` or `postgres`, as `Daemon.Status` reports it.
    var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    /// Where the data is, for the start-up log line (a URL without its password).
    var place: String {
        switch self {
        case .sqlite(let store): store.path
        case .postgres(let store, _): store.location.redacted
        }
    }

    /// The queue's depth for the metrics endpoint.
    func queueDepth(at now: Date) async throws -> QueueDepth {
        switch self {
        case .sqlite(let store): try await store.queueDepth(at: now)
        case .postgres(let store, _): try await store.queueDepth(at: now)
        }
    }

    /// The services only this store needs, run beside the daemon's own: SQLite's
    /// checkpointer; on PostgreSQL, keeping in step with the other daemons.
    func services(engine: DeliveryEngine, sweepInterval: Interval, logger: Logger) -> [any Service] {
        switch self {
        case .sqlite(let store): [CheckpointService(store: store, logger: logger)]
        case .postgres(let store, let lock):
            [ClusterService(store: store, lock: lock, engine: engine, sweepInterval: sweepInterval.duration, logger: logger)]
        }
    }

    /// Lets go of the store's connections (the SQLite file closes with its last reference).
    func close() async {
        if case .postgres(let store, let lock) = self {
            await store.close()
            await lock.release()
        }
    }
}
