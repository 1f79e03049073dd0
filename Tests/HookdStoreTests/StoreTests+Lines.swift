import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// Each webhook's line: publish order, re-queued deliveries at the back.
extension StoreTests {
    /// Records a successful attempt, ending the delivery.
    func deliver(_ delivery: Delivery, in store: any StoreUnderTest, at seconds: Double = 1) async throws {
        let success = AttemptOutcome.response(statusCode: 200, body: "")
        let ended = delivery.after(success, startedAt: Fixture.at(seconds), retry: .standard, now: Fixture.at(seconds))
        try await store.record(
            Attempt(
                deliveryId: delivery.id, number: ended.attempts, startedAt: Fixture.at(seconds), durationMs: 1,
                outcome: success),
            updating: ended)
    }

    @Test("a webhook's ordering is stored; its line is publish order and its head moves on as deliveries end", arguments: StoreKind.available)
    func lineInPublishOrder(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ledger = try Fixture.webhook("ledger")
            ledger.ordering = .fifo
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [ledger, crm])
            #expect(try await store.webhook(id: ledger.id)?.ordering == .fifo)
            #expect(try await store.webhook(id: crm.id)?.ordering == .unordered)

            let batch = try await store.publish([Fixture.event("evt_1"), Fixture.event("evt_2")], at: Fixture.now)
            let third = try await store.publish([Fixture.event("evt_3")], at: Fixture.now)
            let line = (batch + third).map { outcome in outcome.deliveries.first { $0.webhookId == ledger.id }! }
            #expect(try await store.lineHead(webhookId: ledger.id)?.deliveryId == line[0].id)
            // An unordered webhook's deliveries wait in no line.
            #expect(try await store.lineHead(webhookId: crm.id) == nil)

            // A failed attempt keeps the head in its place; only its end moves the line on.
            let failure = AttemptOutcome.response(statusCode: 500, body: "")
            let retrying = line[0].after(failure, startedAt: Fixture.now, retry: .standard, now: Fixture.now)
            try await store.record(
                Attempt(deliveryId: line[0].id, number: 1, startedAt: Fixture.now, durationMs: 1, outcome: failure),
                updating: retrying)
            #expect(try await store.lineHead(webhookId: ledger.id)?.deliveryId == line[0].id)
            #expect(try await store.lineHead(webhookId: ledger.id)?.isFirstAttempt == false)
            try await deliver(retrying, in: store)
            #expect(try await store.lineHead(webhookId: ledger.id)?.deliveryId == line[1].id)
            try await deliver(line[1], in: store)
            try await deliver(line[2], in: store)
            #expect(try await store.lineHead(webhookId: ledger.id) == nil)

            let due = try await store.dueDeliveries(limit: 10)
            #expect(due.count == 3)
            #expect(due.allSatisfy { $0.webhookId == crm.id && $0.ordering == .unordered && $0.isFirstAttempt })

            ledger.ordering = .unordered
            try await store.updateWebhook(ledger)
            #expect(try await store.webhook(id: ledger.id)?.ordering == .unordered)
        }
    }

    @Test("re-queued deliveries join the back of the line in publish order; later events line up behind them", arguments: StoreKind.available)
    func requeueJoinsTheBack(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            var ledger = try Fixture.webhook("ledger")
            ledger.ordering = .fifo
            try await Fixture.seed(store, webhooks: [ledger])
            var line: [Delivery] = []
            for id in ["evt_1", "evt_2", "evt_3"] {
                line += try await store.publish([Fixture.event(id)], at: Fixture.now)[0].deliveries
            }
            try await deliver(line[0], in: store)
            try await deliver(line[1], in: store)

            // Asked for out of order, they are queued in publish order, a millisecond apart.
            let queued = try await store.requeue(
                deliveryIds: [line[1].id, line[0].id], trigger: .recover, at: Fixture.at(10))
            #expect(queued.map(\.id) == [line[0].id, line[1].id])
            #expect(queued.map(\.nextAttemptAt) == [Fixture.at(10), Fixture.at(10.001)])
            #expect(queued.allSatisfy { $0.status == .pending && $0.nextTrigger == .recover })
            #expect(try await store.delivery(id: line[0].id) == queued[0])
            let later = try await store.publish([Fixture.event("evt_4")], at: Fixture.at(11))[0].deliveries[0]

            // evt_3 was waiting all along; the re-queued two follow it, and evt_4 them.
            var order: [String] = []
            while let head = try await store.lineHead(webhookId: ledger.id) {
                order.append(head.deliveryId)
                let delivery = try #require(try await store.delivery(id: head.deliveryId))
                try await deliver(delivery, in: store, at: 20)
            }
            #expect(order == [line[2].id, line[0].id, line[1].id, later.id])
        }
    }

    @Test("re-queueing is all or nothing: a delivery still waiting or unknown refuses the whole call", arguments: StoreKind.available)
    func requeueRefusals(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let first = try await store.publish([Fixture.event("evt_1")], at: Fixture.now)[0].deliveries[0]
            let waiting = try await store.publish([Fixture.event("evt_2")], at: Fixture.now)[0].deliveries[0]
            try await deliver(first, in: store)
            let delivered = try #require(try await store.delivery(id: first.id))

            let busy = await #expect(throws: HookdError.self) {
                _ = try await store.requeue(deliveryIds: [first.id, waiting.id], trigger: .manual, at: Fixture.at(5))
            }
            #expect(busy?.status == .failedPrecondition)
            #expect(busy?.reason == "hookd.DeliveryInProgress")
            await #expect(throws: HookdError.notFound(.delivery, "dlv_missing")) {
                _ = try await store.requeue(deliveryIds: [first.id, "dlv_missing"], trigger: .manual, at: Fixture.at(5))
            }
            #expect(try await store.delivery(id: first.id) == delivered)
            #expect(try await store.dueDeliveries(limit: 10).map(\.deliveryId) == [waiting.id])
        }
    }

    @Test("a v7 database upgrades with its waiting deliveries lined up by event, and events keep numbering on")
    func upgradesFromV7() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = directory + "/hookd.sqlite"
            let ledger = try Fixture.webhook("ledger")
            let now = Fixture.now.storedMilliseconds
            do {
                let pool = try DatabasePool(path: path)
                try Migrations.migrator.migrate(pool, upTo: "v7-webhooks-rate-limit")
                try await pool.write { db in
                    try db.execute(
                        sql: "INSERT INTO accounts (name, plan_event_types, managed, created) VALUES ('acc_1', '[\"*\"]', 0, ?)",
                        arguments: [now])
                    try db.execute(
                        sql: """
                            INSERT INTO webhooks (id, account, name, url, enabled, events, secret, retry, timeout_ms,
                                headers, labels, managed, created, updated)
                            VALUES (?, 'acc_1', ?, ?, 1, '["*"]', ?, '["1m"]', 10000, '{}', '{}', 0, ?, ?)
                            """,
                        arguments: [ledger.id, ledger.name, ledger.url, ledger.secret.text, now, now])
                    // Ids sort against publish order, so only the event sequence can line them up.
                    for (sequence, id, status) in [(1, "dlv_c", "delivered"), (2, "dlv_b", "pending"), (3, "dlv_a", "scheduled")] {
                        let event = Fixture.event("evt_\(sequence)")
                        try db.execute(
                            sql: "INSERT INTO events (id, sequence, account, type, timestamp, data, body) VALUES (?, ?, 'acc_1', ?, ?, '{}', ?)",
                            arguments: [event.id, sequence, event.type, now, try event.envelopeBody()])
                        try db.execute(
                            sql: """
                                INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status,
                                    attempts, next_attempt_at, created, updated)
                                VALUES (?, ?, ?, 'acc_1', ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                id, event.id, event.type, ledger.id, ledger.name, status, status == "pending" ? 0 : 1,
                                status == "delivered" ? nil : now, now, now,
                            ])
                    }
                }
                try pool.close()
            }

            let store = try SQLiteStore(path: path)
            var upgraded = try #require(try await store.webhook(id: ledger.id))
            #expect(upgraded.ordering == .unordered)
            upgraded.ordering = .fifo
            try await store.updateWebhook(upgraded)
            #expect(try await store.lineHead(webhookId: ledger.id)?.deliveryId == "dlv_b")
            #expect(try await store.dueDeliveries(limit: 10).map(\.ordering) == [.fifo, .fifo])
            // The delivered one had no place in line; re-queued, it goes to the back.
            let queued = try await store.requeue(deliveryIds: ["dlv_c"], trigger: .manual, at: Fixture.at(1))
            #expect(queued.map(\.id) == ["dlv_c"])
            let fourth = try await store.publish([Fixture.event("evt_4")], at: Fixture.at(2))[0]
            var order: [String] = []
            while let head = try await store.lineHead(webhookId: ledger.id) {
                order.append(head.deliveryId)
                try await deliver(try #require(try await store.delivery(id: head.deliveryId)), in: store, at: 3)
            }
            #expect(order == ["dlv_b", "dlv_a", "dlv_c", fourth.deliveries[0].id])
            // Events number on past the number the re-queue took.
            let sequences = try await store.database.read { db in
                try Int64.fetchAll(db, sql: "SELECT sequence FROM events ORDER BY sequence")
            }
            #expect(sequences == [1, 2, 3, 5])
        }
    }
}
