import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// Migration `v10-delivery-queue` on SQLite: databases written before the queue existed.
extension DeliveryQueueTests {
    @Test("a v9 database upgrades with its fifo webhooks' waiting deliveries marked fifo, nothing held, heads claimable")
    func upgradesFromV9() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            let ledger = try QueueFixture.webhook("ledger", ordering: .fifo)
            let crm = try QueueFixture.webhook("crm")
            let now = Fixture.now.storedMilliseconds
            // (delivery, webhook, status): ids sort against publish order, so only the line can order them.
            let rows: [(id: String, webhook: Webhook, status: String)] = [
                ("dlv_d", ledger, "delivered"), ("dlv_c", ledger, "scheduled"), ("dlv_b", ledger, "pending"),
                ("dlv_a", crm, "pending"), ("dlv_0", crm, "failed"),
            ]
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v9-webhooks-ordering")
                try await pool.write { db in
                    try db.execute(
                        sql: "INSERT INTO accounts (name, plan_event_types, managed, created) VALUES ('acc_1', '[\"*\"]', 0, ?)",
                        arguments: [now])
                    for webhook in [ledger, crm] {
                        try db.execute(
                            sql: """
                                INSERT INTO webhooks (id, account, name, url, enabled, events, secret, retry, timeout_ms,
                                    headers, labels, managed, ordering, created, updated)
                                VALUES (?, 'acc_1', ?, ?, 1, '["*"]', ?, '["1m"]', 10000, '{}', '{}', 0, ?, ?, ?)
                                """,
                            arguments: [
                                webhook.id, webhook.name, webhook.url, webhook.secret.text, webhook.ordering.rawValue, now,
                                now,
                            ])
                    }
                    for (sequence, row) in rows.enumerated() {
                        let event = Fixture.event("evt_\(sequence + 1)")
                        try db.execute(
                            sql: "INSERT INTO events (id, sequence, account, type, timestamp, data, body) VALUES (?, ?, 'acc_1', ?, ?, '{}', ?)",
                            arguments: [event.id, sequence + 1, event.type, now, try event.envelopeBody()])
                        let waiting = row.status == "pending" || row.status == "scheduled"
                        try db.execute(
                            sql: """
                                INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status,
                                    attempts, next_attempt_at, line_position, created, updated)
                                VALUES (?, ?, ?, 'acc_1', ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                row.id, event.id, event.type, row.webhook.id, row.webhook.name, row.status,
                                row.status == "pending" ? 0 : 1, waiting ? now : nil, waiting ? sequence + 1 : nil, now,
                                now,
                            ])
                    }
                }
                try pool.close()
            }

            let store: any QueueRows = try SQLiteStore(path: path)
            #expect(try await store.isMarkedFifo(delivery: "dlv_c"))
            #expect(try await store.isMarkedFifo(delivery: "dlv_b"))
            for id in ["dlv_d", "dlv_a", "dlv_0"] {
                #expect(try await !store.isMarkedFifo(delivery: id))
            }
            for row in rows {
                #expect(try await store.leaseOwner(ofDelivery: row.id) == nil)
            }
            try await store.register(node: QueueFixture.node, at: Fixture.now)
            #expect(try await store.heartbeat(ofNode: QueueFixture.node) == Fixture.now)
            // The ledger's line: dlv_c was published before dlv_b, so it alone is handed out.
            let claimed = try await store.claim(owner: QueueFixture.node, limit: 10, dueBy: Fixture.now)
            #expect(Set(claimed.work.map(\.delivery.id)) == ["dlv_c", "dlv_a"])
            #expect(claimed.nextDueAt == nil)
        }
    }
}
