import Foundation
import GRDB
import HookdCore
import HookdTesting
import PostgresNIO
import Testing

@testable import HookdStore

/// `StoreCopy` (`hookd copy-store`): every column of both schemas is copied or left out on
/// purpose, rows arrive as they were in batches, and a copy lands whole or not at all.
@Suite("Store copy")
struct StoreCopyTests {
    /// `table` and `table.column` for every copied column.
    static let copiedNames = Set(CopiedTable.all.flatMap { table in [table.name] + table.columns.map { "\(table.name).\($0.name)" } })

    /// The names of `schema` neither copied nor left out on purpose.
    static func uncovered(_ schema: Set<String>) -> [String] {
        schema.filter { name in
            !copiedNames.contains(name) && !CopiedTable.leftOut.contains(name)
                && !CopiedTable.leftOut.contains(String(name.prefix { $0 != "." }))
        }.sorted()
    }

    @Test("every table and column of the SQLite schema is copied or left out on purpose")
    func sqliteSchemaCovered() async throws {
        try await withTemporaryStore { store in
            let schema = try await store.database.read { db in
                var names: Set<String> = []
                let tables = try String.fetchAll(
                    db,
                    sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
                for table in tables {
                    names.insert(table)
                    for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))") {
                        names.insert("\(table).\(column["name"] as String)")
                    }
                }
                return names
            }
            #expect(Self.uncovered(schema) == [])
            #expect(Self.copiedNames.subtracting(schema) == [])
        }
    }

    @Test(
        "every table and column of the PostgreSQL schema is copied or left out on purpose",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func postgresSchemaCovered() async throws {
        try await withPostgresStore { store in
            let schema = try await store.read { session in
                try await session.rows(
                    """
                    SELECT table_name || '.' || column_name AS name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
                    UNION SELECT table_name FROM information_schema.tables
                    WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
                    """
                ).map { try $0.get("name", as: String.self) }
            }
            #expect(Self.uncovered(Set(schema)) == [])
            #expect(Self.copiedNames.subtracting(schema) == [])
        }
    }
}

extension StoreCopyTests {
    @Test(
        "a store copied in batches of two arrives row for row in PostgreSQL and back in SQLite, held by nobody",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func roundTrip() async throws {
        try await withTemporaryDirectory { directory in
            let (source, leased) = try await Self.history(in: directory + "/source")
            try await TestPostgres.withDatabase { url in
                let location = try PostgresLocation(url: url)
                let report = try await StoreCopy.copy(
                    from: try SQLiteCopySource(path: source.path),
                    to: try await PostgresCopyTarget.begin(location, logger: TestPostgres.logger), batchRows: 2)
                #expect(report.count(of: "events") == 5)
                #expect(report.count(of: "deliveries") == 10)
                #expect(report.count(of: "attempts") == 1)
                #expect(report.count(of: "audit_log") == 3)
                #expect(report.secrets.clear == 2)
                #expect(report.stateRevision == (try await source.stateRevision()))

                let copy = try await PostgresCopySource.connect(location, logger: TestPostgres.logger)
                let original = try SQLiteCopySource(path: source.path)
                try await Self.expectSameRows(original, copy)
                await copy.close()

                let back = directory + "/back"
                _ = try await StoreCopy.copy(postgres: location, toSQLite: back, logger: TestPostgres.logger)
                let returned = try SQLiteCopySource(path: back + "/" + SQLiteStore.fileName)
                try await Self.expectSameRows(original, returned)

                // The copy serves through the store as the original does, new writes after it.
                let store = try await PostgresStore.open(location, logger: TestPostgres.logger)
                #expect(try await store.leaseOwner(ofDelivery: leased) == nil)
                let listed = try await store.deliveries(DeliveryFilter(limit: 100))
                #expect(listed == (try await source.deliveries(DeliveryFilter(limit: 100))))
                let next = try await store.publish([Fixture.event("evt_next")], at: Fixture.at(60))
                #expect(next.first?.deliveries.count == 2)
                try await store.recordAudit(
                    AuditEntry(time: Fixture.at(60), uid: 0, pid: 1, role: "admin", method: "X", target: nil, outcome: "ok"))
                #expect(try await store.auditEntries(since: nil, uid: nil, limit: 10).count == 4)
                await store.close()
            }
        }
    }

    /// Expects `copy` to hold exactly `original`'s rows and meta.
    static func expectSameRows(_ original: some StoreCopySource, _ copy: some StoreCopySource) async throws {
        for table in CopiedTable.all {
            let rows = try await original.rows(of: table, after: nil, limit: 10_000)
            #expect(try await copy.rows(of: table, after: nil, limit: 10_000) == rows, "\(table.name)")
        }
        #expect(try await copy.meta() == original.meta())
    }

    /// A SQLite store in `directory` with something in every copied table: an enabled and a
    /// disabled webhook, five events and their deliveries (one held by a node), an attempt,
    /// health, a filter count and audit entries. Returns it with the held delivery's id.
    static func history(in directory: String) async throws -> (SQLiteStore, String) {
        let store = try SQLiteStore.open(dataDirectory: directory)
        try await store.createEventType(Fixture.eventType("customer.created"))
        let live = try Fixture.webhook("crm")
        let off = try Fixture.webhook("old", enabled: false)
        try await Fixture.seed(store, webhooks: [live, off])
        for number in 1...5 {
            _ = try await store.publish([Fixture.event("evt_\(number)")], at: Fixture.at(Double(number)))
        }
        for number in 1...3 {
            try await store.recordAudit(
                AuditEntry(
                    time: Fixture.at(Double(number)), uid: 1000, pid: 42, role: "admin", method: "Webhooks.Create",
                    target: "acc_1/crm", outcome: "ok"))
        }
        let first = try #require(try await store.deliveries(DeliveryFilter(webhookId: live.id, oldestFirst: true, limit: 1)).first)
        try await store.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO attempts (delivery_id, number, started_at, duration_ms, status_code, response_body, trigger)
                    VALUES (?, 1, ?, 12, 503, 'busy', 'scheduled')
                    """, arguments: [first.id, Fixture.at(1).storedMilliseconds])
            try db.execute(
                sql: "UPDATE deliveries SET status = 'scheduled', attempts = 1, next_attempt_at = ?, lease_owner = 'node-a' WHERE id = ?",
                arguments: [Fixture.at(120).storedMilliseconds, first.id])
            try db.execute(
                sql: "INSERT INTO webhook_health (webhook_id, consecutive_exhausted, failing_since) VALUES (?, 2, ?)",
                arguments: [live.id, Fixture.at(1).storedMilliseconds])
            try db.execute(sql: "INSERT INTO webhook_filter_counts (webhook_id, filtered) VALUES (?, 7)", arguments: [off.id])
            try db.execute(sql: "UPDATE meta SET reserved_sequence = 9 WHERE id = 1")
        }
        return (store, first.id)
    }
}
