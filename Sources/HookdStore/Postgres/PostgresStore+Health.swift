import Foundation
import HookdCore
internal import PostgresNIO

extension PostgresStore {
    /// Reads, updates and writes the webhook's health in one transaction.
    public func recordEnd(of delivery: Delivery, at now: Date) async throws -> (before: WebhookHealth, after: WebhookHealth) {
        try await write { session in try await Self.foldHealth(of: delivery, at: now, in: session) }
    }

    /// Folds how `delivery` ended into its webhook's health inside a write; returns the
    /// health before and after.
    static func foldHealth(of delivery: Delivery, at now: Date, in session: PostgresSession) async throws
        -> (before: WebhookHealth, after: WebhookHealth)
    {
        let row = try await session.row(
            "SELECT consecutive_exhausted, failing_since FROM webhook_health WHERE webhook_id = \(delivery.webhookId)")
        let current =
            try row.map {
                WebhookHealth(
                    consecutiveExhausted: try $0.get("consecutive_exhausted"),
                    failingSince: try $0.get("failing_since", as: Int64?.self).map(Date.init(storedMilliseconds:)))
            } ?? .healthy
        let next = current.after(deliveryEndedAs: delivery.status, at: now)
        guard next != current else { return (current, next) }
        guard try await session.row("SELECT 1 FROM webhooks WHERE id = \(delivery.webhookId)") != nil else {
            return (current, next)
        }
        let failingSince = next.failingSince?.storedMilliseconds
        try await session.execute(
            """
            INSERT INTO webhook_health (webhook_id, consecutive_exhausted, failing_since)
            VALUES (\(delivery.webhookId), \(next.consecutiveExhausted), \(failingSince))
            ON CONFLICT (webhook_id) DO UPDATE SET
                consecutive_exhausted = excluded.consecutive_exhausted, failing_since = excluded.failing_since
            """)
        return (current, next)
    }
}
