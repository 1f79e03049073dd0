import Foundation
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    @Test("attempts are recorded with the delivery's transition, until it is delivered", arguments: StoreKind.available)
    func recordTransitions(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let event = Fixture.event("evt_1")
            let outcome = try #require(try await store.publish([event], at: Fixture.now).first)
            let pending = try #require(outcome.deliveries.first)

            let work = try #require(try await store.work(deliveryId: pending.id))
            #expect(work.delivery == pending)
            #expect(work.webhook == crm)
            #expect(work.body == (try event.envelopeBody()))

            let failure = AttemptOutcome.response(statusCode: 503, body: "unavailable")
            let scheduled = pending.after(failure, startedAt: Fixture.at(1), retry: crm.retry, now: Fixture.at(2))
            try await store.record(
                Attempt(
                    deliveryId: pending.id, number: 1, startedAt: Fixture.at(1), durationMs: 1000, outcome: failure),
                updating: scheduled)
            #expect(try await store.delivery(id: pending.id) == scheduled)
            #expect(scheduled.status == .scheduled)
            #expect(try await store.dueDeliveries(limit: 10).map(\.dueAt) == [Fixture.at(62)])
            #expect(try await store.work(deliveryId: pending.id)?.delivery == scheduled)

            let timeout = AttemptOutcome.failure(.timeout, message: "no response within 10s")
            let stillScheduled = scheduled.after(
                timeout, startedAt: Fixture.at(62), retry: crm.retry, now: Fixture.at(72))
            try await store.record(
                Attempt(
                    deliveryId: pending.id, number: 2, startedAt: Fixture.at(62), durationMs: 10_000, outcome: timeout,
                    trigger: .manual),
                updating: stillScheduled)

            let success = AttemptOutcome.response(statusCode: 204, body: "")
            let delivered = stillScheduled.after(
                success, startedAt: Fixture.at(400), retry: crm.retry, now: Fixture.at(401))
            let last = Attempt(
                deliveryId: pending.id, number: 3, startedAt: Fixture.at(400), durationMs: 12, outcome: success)
            try await store.record(last, updating: delivered)

            #expect(try await store.delivery(id: pending.id) == delivered)
            #expect(try await store.work(deliveryId: pending.id) == nil)
            #expect(try await store.dueDeliveries(limit: 10).isEmpty)
            let attempts = try await store.attempts(deliveryId: pending.id)
            #expect(attempts.map(\.number) == [1, 2, 3])
            #expect(attempts[0].statusCode == 503)
            #expect(attempts[0].errorClass == .http)
            #expect(attempts[0].error == "HTTP 503")
            #expect(attempts[0].responseBody == "unavailable")
            #expect(attempts[1].errorClass == .timeout)
            #expect(attempts[1].statusCode == nil)
            #expect(attempts[1].error == "timeout: no response within 10s")
            #expect(attempts[1].trigger == .manual)
            #expect(attempts[2] == last)
        }
    }

    @Test("recording against a delivery that is gone fails with NOT_FOUND and keeps no attempt", arguments: StoreKind.available)
    func recordMissingDelivery(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let outcome = try #require(try await store.publish([Fixture.event("evt_1")], at: Fixture.now).first)
            let delivery = try #require(outcome.deliveries.first)
            try await store.deleteWebhook(id: crm.id)

            let result = AttemptOutcome.response(statusCode: 200, body: "")
            await #expect(throws: HookdError.notFound(.delivery, delivery.id)) {
                try await store.record(
                    Attempt(deliveryId: delivery.id, number: 1, startedAt: Fixture.now, durationMs: 1, outcome: result),
                    updating: delivery.after(result, startedAt: Fixture.now, retry: .standard, now: Fixture.now))
            }
            #expect(try await store.attempts(deliveryId: delivery.id).isEmpty)
        }
    }

    @Test("a delivery's state can be saved without an attempt; NOT_FOUND once it is gone", arguments: StoreKind.available)
    func updateDelivery(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            let outcome = try #require(try await store.publish([Fixture.event("evt_1")], at: Fixture.now).first)
            var delivery = try #require(outcome.deliveries.first)
            delivery.status = .skipped
            delivery.nextAttemptAt = nil
            delivery.updatedAt = Fixture.at(5)
            try await store.update(delivery)
            #expect(try await store.delivery(id: delivery.id) == delivery)
            #expect(try await store.dueDeliveries(limit: 10).isEmpty)

            try await store.deleteWebhook(id: crm.id)
            await #expect(throws: HookdError.notFound(.delivery, delivery.id)) { try await store.update(delivery) }
        }
    }

    @Test("due deliveries come earliest first, only pending and scheduled ones, up to the limit", arguments: StoreKind.available)
    func dueOrdering(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            // Published at t+30, t+10, t+20: due in that order of time, not of publishing.
            var ids: [Double: String] = [:]
            for (index, offset) in [30.0, 10, 20].enumerated() {
                let outcome = try await store.publish([Fixture.event("evt_\(index)")], at: Fixture.at(offset))
                ids[offset] = try #require(outcome.first?.deliveries.first).id
            }
            // One more, delivered at once: never due.
            let done = try #require(
                try await store.publish([Fixture.event("evt_done")], at: Fixture.now).first?.deliveries.first)
            let ok = AttemptOutcome.response(statusCode: 200, body: "")
            try await store.record(
                Attempt(deliveryId: done.id, number: 1, startedAt: Fixture.now, durationMs: 1, outcome: ok),
                updating: done.after(ok, startedAt: Fixture.now, retry: crm.retry, now: Fixture.now))

            let due = try await store.dueDeliveries(limit: 10)
            #expect(due.map(\.deliveryId) == [ids[10], ids[20], ids[30]].compactMap { $0 })
            #expect(due.map(\.dueAt) == [Fixture.at(10), Fixture.at(20), Fixture.at(30)])
            #expect(due.allSatisfy { $0.webhookId == crm.id })
            #expect(try await store.dueDeliveries(limit: 2).map(\.deliveryId) == Array(due.prefix(2).map(\.deliveryId)))
        }
    }

    @Test("deleting a webhook removes its deliveries and their attempts, not the events", arguments: StoreKind.available)
    func deleteWebhookCascades(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            let billing = try Fixture.webhook("billing")
            try await Fixture.seed(store, webhooks: [crm, billing])
            let outcome = try #require(try await store.publish([Fixture.event("evt_1")], at: Fixture.now).first)
            let toCRM = try #require(outcome.deliveries.first { $0.webhookId == crm.id })
            let failure = AttemptOutcome.failure(.connect, message: "connection refused")
            try await store.record(
                Attempt(deliveryId: toCRM.id, number: 1, startedAt: Fixture.now, durationMs: 3, outcome: failure),
                updating: toCRM.after(failure, startedAt: Fixture.now, retry: crm.retry, now: Fixture.now))

            try await store.deleteWebhook(id: crm.id)
            #expect(try await store.webhook(id: crm.id) == nil)
            #expect(try await store.delivery(id: toCRM.id) == nil)
            #expect(try await store.attempts(deliveryId: toCRM.id).isEmpty)
            #expect(try await store.work(deliveryId: toCRM.id) == nil)
            #expect(try await store.dueDeliveries(limit: 10).map(\.webhookId) == [billing.id])
            #expect(try await store.event(id: "evt_1") != nil)
        }
    }

    @Test("deliveries are listed newest first, filtered by webhook, event and status, up to the limit", arguments: StoreKind.available)
    func deliveryListing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            let off = try Fixture.webhook("off", enabled: false)
            try await Fixture.seed(store, webhooks: [crm, off])
            for index in 0..<3 {
                _ = try await store.publish([Fixture.event("evt_\(index)")], at: Fixture.at(Double(index)))
            }

            let all = try await store.deliveries(DeliveryFilter())
            #expect(all.map(\.eventId) == ["evt_2", "evt_2", "evt_1", "evt_1", "evt_0", "evt_0"])
            #expect(all.map(\.createdAt) == all.map(\.createdAt).sorted(by: >))
            // Within one instant, the higher id first.
            #expect(all[0].id > all[1].id)

            let crmOnly = try await store.deliveries(DeliveryFilter(webhookId: crm.id))
            #expect(crmOnly.map(\.eventId) == ["evt_2", "evt_1", "evt_0"])
            #expect(try await store.deliveries(DeliveryFilter(eventId: "evt_1")).count == 2)
            #expect(
                try await store.deliveries(DeliveryFilter(status: .skipped)).map(\.webhookId) == [
                    off.id, off.id, off.id,
                ])
            #expect(
                try await store.deliveries(DeliveryFilter(webhookId: crm.id, status: .skipped)).isEmpty)
            #expect(try await store.deliveries(DeliveryFilter(limit: 1)) == [all[0]])
            #expect(
                try await store.deliveries(DeliveryFilter(webhookId: off.id, eventId: "evt_0", status: .skipped)).count
                    == 1)
        }
    }

    @Test("events are listed newest first, filtered by account and type, up to the limit", arguments: StoreKind.available)
    func eventListing(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await Fixture.seed(store, webhooks: [])
            _ = try await store.publish(
                [
                    Fixture.event("evt_a"), Fixture.event("evt_b", type: "reward.issued"),
                    Fixture.event("evt_c", account: "acc_2"), Fixture.event("evt_d"),
                ],
                at: Fixture.now)
            #expect(try await store.events(EventFilter()).map(\.id) == ["evt_d", "evt_c", "evt_b", "evt_a"])
            #expect(try await store.events(EventFilter(account: "acc_1")).map(\.id) == ["evt_d", "evt_b", "evt_a"])
            #expect(
                try await store.events(EventFilter(type: "customer.created")).map(\.id) == ["evt_d", "evt_c", "evt_a"])
            #expect(try await store.events(EventFilter(account: "acc_1", type: "reward.issued")).map(\.id) == ["evt_b"])
            #expect(try await store.events(EventFilter(limit: 2)).map(\.id) == ["evt_d", "evt_c"])
        }
    }
}
