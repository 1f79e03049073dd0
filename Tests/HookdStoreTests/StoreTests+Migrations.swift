import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    @Test("a database written by the first release is upgraded in place and its work is still due")
    func upgradesFromV1() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            let crm = try Fixture.webhook("crm")
            let event = Fixture.event("evt_v1")
            let delivery = crm.initialDelivery(for: event, at: Fixture.now)
            do {
                // Write rows the way v1 could, with only v1's schema.
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v1-initial")
                try await pool.write { db in
                    try AccountRecord(Fixture.account()).insert(db)
                    try db.execute(
                        sql: """
                            INSERT INTO webhooks (id, account, name, url, enabled, events, secret, retry, timeout_ms,
                                headers, labels, managed, created, updated)
                            VALUES (?, ?, ?, ?, 1, '["*"]', ?, '["1m","5m","30m"]', 10000, '{}', '{}', 0, ?, ?)
                            """,
                        arguments: [
                            crm.id, crm.account, crm.name, crm.url, crm.secret.text, Fixture.now.storedMilliseconds,
                            Fixture.now.storedMilliseconds,
                        ])
                    try db.execute(
                        sql: """
                            INSERT INTO events (id, sequence, account, type, timestamp, data, body)
                            VALUES (?, 1, ?, ?, ?, '{}', ?)
                            """,
                        arguments: [event.id, event.account, event.type, Fixture.now.storedMilliseconds, try event.envelopeBody()])
                    try db.execute(
                        sql: """
                            INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status,
                                attempts, next_attempt_at, created, updated)
                            VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
                            """,
                        arguments: [
                            delivery.id, event.id, event.type, crm.account, crm.id, crm.name,
                            Fixture.now.storedMilliseconds, Fixture.now.storedMilliseconds, Fixture.now.storedMilliseconds,
                        ])
                }
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            let upgraded = try #require(try await store.delivery(id: delivery.id))
            #expect(upgraded.nextTrigger == .scheduled)
            #expect(try await store.dueDeliveries(limit: 10).map(\.deliveryId) == [delivery.id])
            let work = try #require(try await store.work(deliveryId: delivery.id))
            #expect(work.body == (try event.envelopeBody()))
            #expect(work.webhook.secret == crm.secret)
            #expect(work.webhook.previousSecret == nil)
        }
    }
}

extension StoreTests {
    @Test("attempts recorded before v8 read back without an address; new ones keep theirs")
    func upgradesAttemptsToV8() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            let crm = try Fixture.webhook("crm")
            let event = Fixture.event("evt_v7")
            let delivery = crm.initialDelivery(for: event, at: Fixture.now)
            let now = Fixture.now.storedMilliseconds
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v7-webhooks-rate-limit")
                try await pool.write { db in
                    try AccountRecord(Fixture.account()).insert(db)
                    try db.execute(
                        sql: """
                            INSERT INTO webhooks (id, account, name, url, enabled, events, secret, retry, timeout_ms,
                                headers, labels, managed, created, updated)
                            VALUES (?, ?, ?, ?, 1, '["*"]', ?, '["1m"]', 10000, '{}', '{}', 0, ?, ?)
                            """,
                        arguments: [crm.id, crm.account, crm.name, crm.url, crm.secret.text, now, now])
                    try db.execute(
                        sql: "INSERT INTO events (id, sequence, account, type, timestamp, data, body) VALUES (?, 1, ?, ?, ?, '{}', ?)",
                        arguments: [event.id, event.account, event.type, now, try event.envelopeBody()])
                    try db.execute(
                        sql: """
                            INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status,
                                attempts, next_attempt_at, last_status_code, created, updated)
                            VALUES (?, ?, ?, ?, ?, ?, 'scheduled', 1, ?, 503, ?, ?)
                            """,
                        arguments: [delivery.id, event.id, event.type, crm.account, crm.id, crm.name, now, now, now])
                    try db.execute(
                        sql: """
                            INSERT INTO attempts (delivery_id, number, started_at, duration_ms, status_code, error_class,
                                error, trigger)
                            VALUES (?, 1, ?, 12, 503, 'http', 'HTTP 503', 'scheduled')
                            """,
                        arguments: [delivery.id, now])
                }
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            let before = try await store.attempts(deliveryId: delivery.id)
            #expect(before.map(\.statusCode) == [503])
            #expect(before.map(\.resolvedAddress) == [nil])

            let waiting = try #require(try await store.delivery(id: delivery.id))
            let outcome = AttemptOutcome.response(statusCode: 200, body: "ok")
            let next = waiting.after(outcome, startedAt: Fixture.at(60), retry: crm.retry, now: Fixture.at(60))
            try await store.record(
                Attempt(
                    deliveryId: delivery.id, number: 2, startedAt: Fixture.at(60), durationMs: 7, outcome: outcome,
                    resolvedAddress: "::1"),
                updating: next)
            let after = try await store.attempts(deliveryId: delivery.id)
            #expect(after.map(\.resolvedAddress) == [nil, "::1"])
        }
    }
}

extension StoreTests {
    @Test("webhooks written before v11 sign with Standard Webhooks; an hmac-sha256 signature is kept and updated")
    func upgradesWebhooksToV11() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            let old = try Fixture.webhook("old")
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v10-delivery-queue")
                try await pool.write { db in
                    try AccountRecord(Fixture.account()).insert(db)
                    try db.execute(
                        sql: """
                            INSERT INTO webhooks (id, account, name, url, enabled, events, secret, retry, timeout_ms,
                                headers, labels, managed, created, updated)
                            VALUES (?, ?, ?, ?, 1, '["*"]', ?, '["1m"]', 10000, '{}', '{}', 0, ?, ?)
                            """,
                        arguments: [
                            old.id, old.account, old.name, old.url, old.secret.text, Fixture.now.storedMilliseconds,
                            Fixture.now.storedMilliseconds,
                        ])
                }
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            #expect(try await store.webhook(id: old.id)?.signature == .standardWebhooks)

            var github = try Fixture.webhook("github")
            github.signature = WebhookSignature(
                scheme: .hmacSHA256, header: "X-Hub-Signature-256", encoding: .hex, prefix: "sha256=",
                standardHeaders: true)
            try await store.createWebhook(github)
            #expect(try await store.webhook(id: github.id)?.signature == github.signature)
            github.signature.encoding = .base64
            try await store.updateWebhook(github)
            #expect(try await store.webhook(id: github.id)?.signature.encoding == .base64)
            github.signature = .standardWebhooks
            try await store.updateWebhook(github)
            #expect(try await store.webhook(id: github.id)?.signature == .standardWebhooks)
        }
    }
}

extension StoreTests {
    @Test(
        "v15 rewrites the deliveries status check as comparisons: the same statuses pass, others are refused, and no insert or status update builds a temporary index"
    )
    func upgradesStatusCheckToV15() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v14-audit-log")
                let (definition, opensIndex) = try await pool.write { db in
                    (try Self.deliveriesDefinition(db), try Self.opensTemporaryIndex(Self.insertDelivery, in: db))
                }
                #expect(definition.contains(Migrations.statusCheckAsList))
                #expect(opensIndex, "the check as it was: an IN list")
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let event = Fixture.event("evt_v15")
            _ = try await store.publish([event], at: Fixture.now)
            let raw = try DatabaseQueue(path: path)
            let (definition, insertOpens, updateOpens, integrity) = try await raw.write { db in
                (
                    try Self.deliveriesDefinition(db), try Self.opensTemporaryIndex(Self.insertDelivery, in: db),
                    try Self.opensTemporaryIndex("UPDATE deliveries SET status = 'failed' WHERE id = 'x'", in: db),
                    try String.fetchOne(db, sql: "PRAGMA integrity_check")
                )
            }
            #expect(definition.contains(Migrations.statusCheckAsComparisons))
            #expect(!definition.contains(Migrations.statusCheckAsList))
            #expect(!insertOpens)
            #expect(!updateOpens)
            #expect(integrity == "ok")
            // Every status the check allowed is allowed still; anything else is refused.
            for status in DeliveryStatus.allCases {
                try await raw.write { db in
                    try db.execute(sql: "UPDATE deliveries SET status = ? WHERE event_id = ?", arguments: [status.rawValue, event.id])
                }
            }
            await #expect(throws: DatabaseError.self) {
                try await raw.write { db in
                    try db.execute(sql: "UPDATE deliveries SET status = 'lost' WHERE event_id = ?", arguments: [event.id])
                }
            }
            try raw.close()
        }
    }

    private static func deliveriesDefinition(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'deliveries'") ?? ""
    }

    private static let insertDelivery = """
        INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status, attempts, created,
            updated) VALUES ('d', 'e', 't', 'a', 'w', 'n', 'pending', 0, 1, 1)
        """

    /// Whether SQLite's program for `statement` opens a temporary (ephemeral) table. Call it
    /// in a write: compiled on a reader connection, the insert showed no check at all here.
    private static func opensTemporaryIndex(_ statement: String, in db: Database) throws -> Bool {
        try Row.fetchAll(db, sql: "EXPLAIN " + statement).contains { ($0["opcode"] as String?) == "OpenEphemeral" }
    }
}

extension StoreTests {
    @Test(
        "v16 keeps only fifo webhooks' awaiting deliveries in the line index; a line's head and skip still go through it"
    )
    func upgradesLineIndexToV16() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v15-deliveries-status-check")
                #expect(try await pool.read { db in try Self.lineIndexDefinition(db) }?.contains("fifo") == false)
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            var ledger = try Fixture.webhook("ledger")
            ledger.ordering = .fifo
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [ledger, crm])
            _ = try await store.publish([Fixture.event("evt_1"), Fixture.event("evt_2")], at: Fixture.now)
            let raw = try DatabaseQueue(path: path)
            let (definition, entries, headPlan, skipPlan) = try await raw.read { db in
                (
                    try Self.lineIndexDefinition(db),
                    // Entries in the index's leaves (SQLite's dbstat table): the ledger's two.
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT SUM(ncell) FROM dbstat
                            WHERE name = 'deliveries_awaiting_on_webhook_line' AND pagetype = 'leaf'
                            """),
                    try Self.plan(SQLiteStore.lineHeadSQL, ["wh"], in: db),
                    try Self.plan(QueueWriter.skipLineSQL, [1, "wh"], in: db)
                )
            }
            try raw.close()
            #expect(definition == Migrations.fifoLineIndexSQL)
            #expect(entries == 2)
            #expect(headPlan.contains { $0.contains("USING INDEX deliveries_awaiting_on_webhook_line") }, "\(headPlan)")
            #expect(skipPlan.contains { $0.contains("USING INDEX deliveries_awaiting_on_webhook_line") }, "\(skipPlan)")
            #expect(try await store.lineHead(webhookId: ledger.id) != nil)
            #expect(try await store.lineHead(webhookId: crm.id) == nil)
        }
    }

    private static func lineIndexDefinition(_ db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'deliveries_awaiting_on_webhook_line'")
    }

    private static func plan(_ statement: String, _ arguments: StatementArguments, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement, arguments: arguments).map { $0["detail"] as String }
    }
}
