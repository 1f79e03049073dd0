import Foundation
import HookdCore
import HookdTesting
import PostgresNIO
import Testing

@testable import HookdStore

/// What only the PostgreSQL store does: migrations under an advisory lock, a clear error for
/// a database it cannot reach, and secrets at rest checked on open. (Everything the two
/// stores share runs on both in the other suites.)
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresStoreTests {
    @Test("migrations are applied once and recorded; opening again applies none")
    func migrationsOnce() async throws {
        try await TestPostgres.withDatabase { url in
            let location = try PostgresLocation(url: url)
            let first = try await PostgresStore.open(location, logger: TestPostgres.logger)
            let names = try await first.read { session in
                try await session.rows("SELECT name FROM schema_migrations ORDER BY name").map { try $0.get("name", as: String.self) }
            }
            #expect(names == PostgresMigrations.all.map(\.name))
            try await first.createAccount(Fixture.account())
            await first.close()

            let second = try await PostgresStore.open(location, logger: TestPostgres.logger)
            #expect(try await second.accounts().map(\.name) == ["acc_1"])
            #expect(try await second.stateRevision() == 1)
            await second.close()
        }
    }

    @Test("daemons starting together on an empty database migrate it once, under the advisory lock")
    func concurrentMigrations() async throws {
        try await TestPostgres.withDatabase { url in
            let location = try PostgresLocation(url: url)
            let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await PostgresStore.open(location, logger: TestPostgres.logger) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(stores.count == 4)
            let count = try await stores[0].read { session in
                try await session.value(Int.self, "SELECT COUNT(*) FROM schema_migrations")
            }
            #expect(count == PostgresMigrations.all.count)
            for store in stores { await store.close() }
        }
    }

    @Test("daemons share the database lock; a maintenance command is refused beside them, naming the last node, and keeps them out while it runs")
    func daemonAndMaintenanceLock() async throws {
        try await withPostgresStore { store in
            try await store.register(node: "node-a", at: Fixture.now)
            let first = try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            let second = try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            let refused = await #expect(throws: PostgresInUseError.self) {
                try await PostgresDaemonLock.acquire(
                    store.location, as: .maintenance("hookd copy-store"), logger: TestPostgres.logger)
            }
            #expect(refused?.node == "node-a")
            #expect(refused?.heartbeat == Fixture.now)
            #expect(
                refused?.description.hasSuffix(
                    "is using the database \(store.location.redacted); stop every hookd on it before hookd copy-store")
                    == true)
            await first.release()
            // One daemon left is enough to keep the command out.
            await #expect(throws: PostgresInUseError.self) {
                try await PostgresDaemonLock.acquire(
                    store.location, as: .maintenance("hookd secrets"), logger: TestPostgres.logger)
            }
            await second.release()
            let maintenance = try await PostgresDaemonLock.acquire(
                store.location, as: .maintenance("hookd secrets"), logger: TestPostgres.logger)
            let daemon = await #expect(throws: PostgresInUseError.self) {
                try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            }
            #expect(daemon?.user == .maintenance)
            #expect(daemon?.description.contains("start hookd once it has finished") == true)
            await maintenance.release()
            let after = try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            await after.release()
        }
    }

    @Test("a database nobody listens for fails at once, naming it (password hidden) and the reason")
    func unreachable() async throws {
        let port = try RefusingPort()
        let location = try PostgresLocation(url: "postgres://hookd:pw@127.0.0.1:\(port.port)/hookd")
        let error = await #expect(throws: PostgresUnavailableError.self) {
            try await PostgresStore.open(location, connectTimeout: .seconds(5), logger: TestPostgres.logger)
        }
        #expect(error?.url == "postgres://hookd:***@127.0.0.1:\(port.port)/hookd")
        #expect(error?.description.contains("Connection refused") == true)
    }

    @Test("a database that does not exist is refused with the server's words")
    func missingDatabase() async throws {
        let cluster = try #require(TestPostgres.clusterURL.map { try PostgresLocation(url: $0) })
        var missing = cluster
        missing.database = "hookd_no_such_database"
        let error = await #expect(throws: PostgresUnavailableError.self) {
            try await PostgresStore.open(missing, logger: TestPostgres.logger)
        }
        #expect(error?.reason == "database \"hookd_no_such_database\" does not exist")
    }

    @Test("secrets at rest: a key beside secrets in the clear is refused, sealed ones open only with their key")
    func secretsAtRest() async throws {
        try await TestPostgres.withDatabase { url in
            let location = try PostgresLocation(url: url)
            let clear = try await PostgresStore.open(location, logger: TestPostgres.logger)
            try await Fixture.seed(clear, webhooks: [try Fixture.webhook("crm")])
            await clear.close()
            await #expect(throws: SecretsAtRestError.clearWithKey(count: 1)) {
                try await PostgresStore.open(location, secretKey: .generate(), logger: TestPostgres.logger)
            }
        }
        let key = SecretKey.generate()
        try await withPostgresStore(secretKey: key) { store in
            let webhook = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [webhook])
            #expect(try await store.webhook(id: webhook.id)?.secret == webhook.secret)
            let stored = try await store.read { session in
                try await session.value(String.self, "SELECT secret FROM webhooks WHERE id = \(webhook.id)")
            }
            #expect(stored.map(SecretSealer.isSealed) == true)
            await #expect(throws: SecretsAtRestError.sealedWithoutKey) {
                try await PostgresStore.open(store.location, logger: TestPostgres.logger)
            }
        }
    }
}
