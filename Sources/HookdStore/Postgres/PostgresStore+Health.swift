import Foundation
import HookdCore
internal import PostgresNIO

extension PostgresStore {
    /// Reads, updates and writes the webhook's health in one transaction.
    public func recordEnd(of delivery: Delivery, at now: Date) async throws -> (before: WebhookHealth, after: WebhookHealth) {
        try await write { session in
            let before = try await Self.health(of: [delivery.webhookId], in: session)[delivery.webhookId] ?? .healthy
            let after = before.after(deliveryEndedAs: delivery.status, at: now)
            if after != before {
                try await Self.save(health: [delivery.webhookId: after], in: session)
            }
            return (before, after)
        }
    }

    /// The stored health of each of `webhookIds` that has a row; the others are healthy.
    static func health(of webhookIds: Set<String>, in session: PostgresSession) async throws -> [String: WebhookHealth] {
        guard !webhookIds.isEmpty else { return [:] }
        var health: [String: WebhookHealth] = [:]
        for row in try await session.rows(
            """
            SELECT webhook_id, consecutive_exhausted, failing_since FROM webhook_health
            WHERE webhook_id = ANY(\(Array(webhookIds)))
            """)
        {
            health[try row.get("webhook_id")] = WebhookHealth(
                consecutiveExhausted: try row.get("consecutive_exhausted"),
                failingSince: try row.get("failing_since", as: Int64?.self).map(Date.init(storedMilliseconds:)))
        }
        return health
    }

    /// Writes each webhook's health in one statement, skipping webhooks that are gone.
    static func save(health: [String: WebhookHealth], in session: PostgresSession) async throws {
        try await healthUpsert.execute(health.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, in: session)
    }

    /// Health rows by webhook id, many to a statement; a webhook deleted meanwhile gets none.
    /// (`failing_since` is cast: postgres-nio binds a nil without a type.)
    private static let healthUpsert = PostgresMultiRowStatement<(String, WebhookHealth)>(
        head: """
            INSERT INTO webhook_health (webhook_id, consecutive_exhausted, failing_since)
            SELECT h.webhook_id, h.consecutive_exhausted, h.failing_since::bigint FROM (VALUES
            """,
        tail: """
            ) AS h(webhook_id, consecutive_exhausted, failing_since)
            WHERE EXISTS (SELECT 1 FROM webhooks w WHERE w.id = h.webhook_id)
            ON CONFLICT (webhook_id) DO UPDATE SET
                consecutive_exhausted = excluded.consecutive_exhausted, failing_since = excluded.failing_since
            """
    ) { entry, sql in
        try sql.appendValue(entry.0)
        try sql.appendValue(entry.1.consecutiveExhausted)
        try sql.appendValue(entry.1.failingSince?.storedMilliseconds, last: true)
    }
}
