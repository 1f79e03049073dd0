import Foundation
import HookdCore
import HookdTesting
import Testing

@testable import HookdStore

/// A rate-limited webhook on a database several nodes share has one sending node at a time,
/// and the node that takes it over is told what to count from before.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresPacingTests {
    /// A webhook sending at most `perSecond` requests a second, timing attempts out after 10 s.
    static func limited(_ name: String, perSecond: Int) throws -> Webhook {
        var webhook = try QueueFixture.webhook(name, events: ["customer.*"])
        webhook.rateLimit = RateLimit(perSecond: perSecond)
        return webhook
    }

    /// Claims everything due by `Fixture.at(seconds)` for `owner`.
    static func claim(_ store: PostgresStore, owner: String, dueBy seconds: Double) async throws -> ClaimedWork {
        try await store.claim(owner: owner, limit: 1000, dueBy: Fixture.at(seconds))
    }

    @Test("a rate-limited webhook's deliveries are never handed over at publish and are claimed only while no other node holds any; the node taking it over gets the attempts that ended in the last second")
    func oneSenderAtATime() async throws {
        try await PostgresNodeTests.withStore { store in
            let crm = try Self.limited("crm", perSecond: 2)
            try await Fixture.seed(store, webhooks: [crm, try QueueFixture.webhook("free", events: ["customer.*"])])
            try await store.register(node: "node_a", at: Fixture.now)
            try await store.register(node: "node_b", at: Fixture.now)
            #expect(store.sharesRateLimits)

            let published = try await QueueFixture.publish(
                [Fixture.event("evt_1"), Fixture.event("evt_2")], to: store, room: 10, owner: "node_a")
            #expect(published.handedOver.count == 2, "the unlimited webhook's deliveries")
            #expect(!published.handedOver.contains { $0.delivery.webhookId == crm.id }, "handed over at publish")
            #expect(published.leftInStore)

            let first = try await Self.claim(store, owner: "node_a", dueBy: 0.1)
            let held = first.work.map(\.delivery)
            #expect(held.map(\.webhookId) == [crm.id, crm.id])
            #expect(first.rateLimitHandovers == [crm.id: []], "nobody sent to it before")

            _ = try await QueueFixture.publish([Fixture.event("evt_3")], to: store, room: 10, owner: "node_b")
            let refused = try await Self.claim(store, owner: "node_b", dueBy: 0.2)
            #expect(refused.work.isEmpty, "node_a holds crm's deliveries")
            #expect(refused.nextDueAt == nil, "node_b is not woken for work it may not take")

            // node_a ends both attempts (at 1 s, 1 ms each): it holds nothing of crm any more.
            _ = try await QueueFixture.complete(held.map { QueueFixture.attemptEnd($0, QueueFixture.success, at: 1) }, in: store)
            let second = try await Self.claim(store, owner: "node_b", dueBy: 1.5)
            #expect(second.work.map(\.delivery.eventId) == ["evt_3"])
            let handover = try #require(second.rateLimitHandovers[crm.id])
            #expect(Set(handover.compactMap(\.deliveryId)) == Set(held.map(\.id)))
            // Started at 1 s, 1 ms long, and the store's rounding allowed for.
            let ended = Fixture.at(1).storedMilliseconds + 1 + PostgresStore.recordedEndSlack
            #expect(handover.map(\.endedAt.storedMilliseconds) == [ended, ended])

            _ = try await QueueFixture.publish([Fixture.event("evt_4")], to: store, room: 10, owner: "node_a")
            #expect(try await Self.claim(store, owner: "node_a", dueBy: 1.6).work.isEmpty, "node_b is crm's sender now")
            // node_b, already the sender, claims more without a handover.
            let more = try await Self.claim(store, owner: "node_b", dueBy: 1.7)
            #expect(more.work.map(\.delivery.eventId) == ["evt_4"])
            #expect(more.rateLimitHandovers.isEmpty)
            // Attempts that ended over a second before a takeover are not counted.
            let ends = (second.work + more.work).map { QueueFixture.attemptEnd($0.delivery, QueueFixture.success, at: 2) }
            _ = try await store.write(
                QueueWrite(owner: "node_b", now: Fixture.at(2), completions: ends, room: 0, autoDisable: QueueFixture.neverDisable))
            _ = try await QueueFixture.publish([Fixture.event("evt_5")], to: store, room: 10, owner: "node_a")
            let late = try await Self.claim(store, owner: "node_a", dueBy: 3.5)
            #expect(late.work.map(\.delivery.eventId) == ["evt_5"])
            #expect(late.rateLimitHandovers == [crm.id: []])
        }
    }

    @Test("a dead node's deliveries of a rate-limited webhook are freed by a claim and counted as under way, one each up to the limit, until the webhook's timeout after the freeing")
    func deadSenderCountsUntilTimeout() async throws {
        try await PostgresNodeTests.withStore { store in
            let crm = try Self.limited("crm", perSecond: 2)
            try await Fixture.seed(store, webhooks: [crm])
            try await store.register(node: "node_a", at: Fixture.now)
            try await store.register(node: "node_b", at: Fixture.now)
            _ = try await QueueFixture.waiting(["evt_1", "evt_2", "evt_3"], in: store)
            #expect(try await Self.claim(store, owner: "node_a", dueBy: 0.1).work.count == 3)
            // node_a is silent from 0 s on; alive until 15 s.
            try await store.heartbeat(node: "node_b", at: Fixture.at(14))
            #expect(try await Self.claim(store, owner: "node_b", dueBy: 14).work.isEmpty)
            let takeover = try await Self.claim(store, owner: "node_b", dueBy: 16)
            #expect(takeover.work.count == 3)
            // Three held, limit two: two count, as ending when crm's 10 s timeout has passed.
            let limit = RecentAttempt(deliveryId: nil, endedAt: Fixture.at(26))
            #expect(takeover.rateLimitHandovers == [crm.id: [limit, limit]])
        }
    }

    @Test("a restarted node's earlier deliveries of a rate-limited webhook count as under way for whoever takes it over")
    func restartCountsTheEarlierProcess() async throws {
        try await PostgresNodeTests.withStore { store in
            let crm = try Self.limited("crm", perSecond: 5)
            try await Fixture.seed(store, webhooks: [crm])
            try await store.register(node: "node_a", at: Fixture.now)
            try await store.register(node: "node_b", at: Fixture.now)
            _ = try await QueueFixture.waiting(["evt_1"], in: store)
            #expect(try await Self.claim(store, owner: "node_a", dueBy: 0.1).work.count == 1)
            try await store.register(node: "node_a", at: Fixture.at(2))
            let takeover = try await Self.claim(store, owner: "node_b", dueBy: 3)
            #expect(takeover.work.count == 1)
            #expect(takeover.rateLimitHandovers == [crm.id: [RecentAttempt(deliveryId: nil, endedAt: Fixture.at(12))]])
        }
    }

    @Test("a limit set on a webhook sends its waiting deliveries to one node, lifted it gives them to any node again, and a redelivery of a rate-limited webhook's delivery waits for its sender too")
    func limitChangesMoveDeliveriesBetweenClaims() async throws {
        try await PostgresNodeTests.withStore { store in
            var crm = try QueueFixture.webhook("crm", events: ["customer.*"])
            try await Fixture.seed(store, webhooks: [crm])
            try await store.register(node: "node_a", at: Fixture.now)
            try await store.register(node: "node_b", at: Fixture.now)
            _ = try await QueueFixture.waiting(["evt_1", "evt_2", "evt_3"], in: store)

            crm.rateLimit = RateLimit(perSecond: 5)
            try await store.updateWebhook(crm)
            let first = try await store.claim(owner: "node_a", limit: 1, dueBy: Fixture.at(1))
            #expect(first.work.map(\.delivery.eventId) == ["evt_1"])
            #expect(first.rateLimitHandovers == [crm.id: []])
            #expect(try await Self.claim(store, owner: "node_b", dueBy: 1).work.isEmpty, "node_a sends crm now")

            crm.rateLimit = nil
            try await store.updateWebhook(crm)
            let lifted = try await Self.claim(store, owner: "node_b", dueBy: 2)
            #expect(lifted.work.map(\.delivery.eventId) == ["evt_2", "evt_3"])
            #expect(lifted.rateLimitHandovers.isEmpty)

            crm.rateLimit = RateLimit(perSecond: 5)
            try await store.updateWebhook(crm)
            // node_b still holds evt_2 and evt_3: it is crm's sender until it holds none.
            #expect(try await Self.claim(store, owner: "node_a", dueBy: 3).work.isEmpty)
            let ends = lifted.work.map { QueueFixture.attemptEnd($0.delivery, QueueFixture.success, at: 3) }
            _ = try await store.write(
                QueueWrite(owner: "node_b", now: Fixture.at(3), completions: ends, room: 0, autoDisable: QueueFixture.neverDisable))
            _ = try await store.write(
                QueueWrite(
                    owner: "node_a", now: Fixture.at(3),
                    completions: [QueueFixture.attemptEnd(first.work[0].delivery, QueueFixture.success, at: 3)], room: 0,
                    autoDisable: QueueFixture.neverDisable))
            let redelivered = try await store.requeue(deliveryIds: [lifted.work[0].delivery.id], trigger: .manual, at: Fixture.at(3.5))
            let taken = try await Self.claim(store, owner: "node_a", dueBy: 3.6)
            #expect(taken.work.map(\.delivery.id) == redelivered.map(\.id))
            #expect(taken.rateLimitHandovers[crm.id]?.count == 3, "the three attempts that ended at 3 s")
        }
    }

    @Test("on SQLite (one daemon) a rate-limited webhook's deliveries are handed over at publish as before")
    func sqliteHandsOverAtPublish() async throws {
        try await withTemporaryStore { store in
            let crm = try Self.limited("crm", perSecond: 2)
            try await Fixture.seed(store, webhooks: [crm])
            #expect(!store.sharesRateLimits)
            let published = try await QueueFixture.publish([Fixture.event("evt_1")], to: store, room: 10)
            #expect(published.handedOver.map(\.delivery.webhookId) == [crm.id])
            #expect(!published.leftInStore)
        }
    }
}
