import Foundation
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    @Test("pruning removes old finished events with their deliveries and attempts, never unfinished work", arguments: StoreKind.available)
    func pruning(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            var oldDone = Fixture.event("evt_old_done")
            oldDone.timestamp = Fixture.at(-100)
            var oldPending = Fixture.event("evt_old_pending")
            oldPending.timestamp = Fixture.at(-100)
            let recent = Fixture.event("evt_recent")
            let outcomes = try await store.publish([oldDone, oldPending, recent], at: Fixture.now)

            let done = try #require(outcomes[0].deliveries.first)
            let success = AttemptOutcome.response(statusCode: 200, body: "ok")
            try await store.record(
                Attempt(deliveryId: done.id, number: 1, startedAt: Fixture.now, durationMs: 3, outcome: success),
                updating: done.after(success, startedAt: Fixture.now, retry: crm.retry, now: Fixture.now))

            let removed = try await store.prune(before: Fixture.at(-10), batchSize: 1)
            #expect(removed == 1)
            #expect(try await store.event(id: "evt_old_done") == nil)
            #expect(try await store.delivery(id: done.id) == nil)
            #expect(try await store.attempts(deliveryId: done.id).isEmpty)
            #expect(try await store.event(id: "evt_old_pending") != nil)
            #expect(try await store.event(id: "evt_recent") != nil)
            #expect(try await store.prune(before: Fixture.at(-10), batchSize: 100) == 0)
        }
    }
}
