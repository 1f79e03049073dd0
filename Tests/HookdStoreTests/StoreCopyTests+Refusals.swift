import Foundation
import GRDB
import HookdCore
import HookdTesting
import Testing

@testable import HookdStore

extension StoreCopyTests {
    @Test(
        "a target holding anything is refused before its schema is touched; one holding only hookd's own event types is not",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func nonEmptyTarget() async throws {
        try await withTemporaryDirectory { directory in
            let (source, _) = try await Self.history(in: directory + "/source")
            try await TestPostgres.withDatabase { url in
                let location = try PostgresLocation(url: url)
                let store = try await PostgresStore.open(location, logger: TestPostgres.logger)
                for (name, description) in OperationalEvent.catalog {
                    try await store.createEventType(EventType(name: name, description: description, createdAt: Fixture.now))
                }
                try await store.createAccount(Fixture.account("acc_9"))
                let revision = try await store.stateRevision()
                await #expect(throws: StoreCopyError.targetNotEmpty(target: location.redacted, found: ["accounts: 1"])) {
                    try await StoreCopy.copy(sqlite: source.path, to: location, logger: TestPostgres.logger)
                }
                #expect(try await store.accounts().map(\.name) == ["acc_9"])
                #expect(try await store.stateRevision() == revision)

                // Only what any daemon registers on a fresh database: the copy replaces it.
                try await store.deleteAccount(named: "acc_9")
                let report = try await StoreCopy.copy(sqlite: source.path, to: location, logger: TestPostgres.logger)
                #expect(report.count(of: "accounts") == 1)
                #expect(try await store.eventTypes().map(\.name) == ["customer.created"])
                await store.close()
            }
        }
    }

    @Test(
        "a copy that fails part way (secrets sealed with two keys) leaves the target as empty as it was",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func failedCopyLeavesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let (source, _) = try await Self.history(in: directory + "/source")
            let sealer = SecretSealer(key: SecretKey.generate())
            try await source.database.write { db in
                let id = try String.fetchOne(db, sql: "SELECT id FROM webhooks ORDER BY id LIMIT 1") ?? ""
                try db.execute(
                    sql: "UPDATE webhooks SET secret = ? WHERE id = ?",
                    arguments: [sealer.seal("whsec_c2VjcmV0", at: WebhookRecord.secretPlace(id)), id])
            }
            try await TestPostgres.withDatabase { url in
                let location = try PostgresLocation(url: url)
                await #expect(throws: StoreCopyError.mixedSecrets(clear: 1, sealedKeys: [sealer.key.fingerprint])) {
                    _ = try await StoreCopy.copy(
                        from: try SQLiteCopySource(path: source.path),
                        to: try await PostgresCopyTarget.begin(location, logger: TestPostgres.logger), batchRows: 2)
                }
                let store = try await PostgresStore.open(location, logger: TestPostgres.logger)
                #expect(try await store.accounts().isEmpty)
                #expect(try await store.events(EventFilter(limit: 10)).isEmpty)
                await store.close()
            }
        }
    }
}
