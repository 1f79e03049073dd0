import Foundation
import HookdCore

@testable import HookdStore

/// Nodes, webhooks, writes and attempt ends for the `DeliveryQueue` contract tests; every
/// step goes through the `Store` protocol.
enum QueueFixture {
    /// The node the tests write as.
    static let node = "node_a"
    /// Another node, claiming beside `node`.
    static let otherNode = "node_b"

    /// Never disables a webhook on its own.
    static let neverDisable = AutoDisablePolicy(maximumConsecutiveExhausted: nil, maximumFailingDuration: nil)
    /// Disables a webhook after `count` exhausted deliveries in a row, whatever the time.
    static func disableAfter(_ count: Int) -> AutoDisablePolicy {
        AutoDisablePolicy(maximumConsecutiveExhausted: count, maximumFailingDuration: nil)
    }

    static let success = AttemptOutcome.response(statusCode: 200, body: "ok")
    static let serverError = AttemptOutcome.response(statusCode: 500, body: "")
    static let gone = AttemptOutcome.response(statusCode: 410, body: "")
    /// No retries: the first failure exhausts the delivery.
    static let noRetries = RetrySchedule(delays: [])

    /// `Fixture.webhook` with an ordering and a retry schedule.
    static func webhook(
        _ name: String, events: [String] = ["*"], ordering: WebhookOrdering = .unordered,
        retry: RetrySchedule = .standard, enabled: Bool = true
    ) throws -> Webhook {
        var webhook = try Fixture.webhook(name, events: events, enabled: enabled)
        webhook.ordering = ordering
        webhook.retry = retry
        return webhook
    }

    /// Publishes `events` as one caller of one write at `Fixture.at(seconds)`.
    static func publish(
        _ events: [Event], to store: any Store, room: Int = 0, at seconds: Double = 0, owner: String = node
    ) async throws -> QueueWriteReceipt {
        try await store.write(
            QueueWrite(
                owner: owner, now: Fixture.at(seconds), publishes: [events], room: room, autoDisable: neverDisable))
    }

    /// Publishes one event per id, each in a write of its own at `Fixture.at(seconds)`, held
    /// by nobody; returns each event's deliveries.
    static func waiting(
        _ ids: [String], type: String = "customer.created", in store: any Store, at seconds: Double = 0
    ) async throws -> [[Delivery]] {
        var deliveries: [[Delivery]] = []
        for id in ids {
            let receipt = try await publish([Fixture.event(id, type: type)], to: store, at: seconds)
            deliveries.append(receipt.published.flatMap { $0.flatMap(\.deliveries) })
        }
        return deliveries
    }

    /// How an attempt on `delivery` that started and ended at `Fixture.at(seconds)` with
    /// `outcome` ends, as the engine hands it to the store.
    static func attemptEnd(
        _ delivery: Delivery, _ outcome: AttemptOutcome, retry: RetrySchedule = .standard, at seconds: Double = 1,
        keep: Bool = false, disableReason: String? = nil
    ) -> AttemptCompletion {
        let now = Fixture.at(seconds)
        let next = delivery.after(outcome, startedAt: now, retry: retry, now: now)
        let attempt = Attempt(
            deliveryId: delivery.id, number: next.attempts, startedAt: now, durationMs: 1, outcome: outcome,
            trigger: delivery.nextTrigger, nextAttemptAt: next.nextAttemptAt)
        return AttemptCompletion(delivery: next, attempt: attempt, keep: keep, disableReason: disableReason)
    }

    /// Commits `completions` in one write at `Fixture.at(seconds)`.
    static func complete(
        _ completions: [AttemptCompletion], in store: any Store, room: Int = 0, at seconds: Double = 1,
        autoDisable: AutoDisablePolicy = neverDisable
    ) async throws -> QueueWriteReceipt {
        try await store.write(
            QueueWrite(
                owner: node, now: Fixture.at(seconds), completions: completions, room: room, autoDisable: autoDisable))
    }

    /// The ids of what `owner` claims of everything due by `Fixture.at(seconds)`.
    static func claimAll(
        from store: any Store, owner: String = otherNode, dueBy seconds: Double = 1_000_000
    ) async throws -> [String] {
        try await store.claim(owner: owner, limit: 1000, dueBy: Fixture.at(seconds)).work.map(\.delivery.id)
    }
}
