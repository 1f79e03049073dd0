import Foundation
import HookdCore
internal import PostgresNIO

/// A rate-limited webhook's sending across the nodes of one database: one node at a time
/// holds its deliveries, and the node that takes it over counts what was sent before.
///
/// A claim takes a rate-limited webhook's deliveries only while no other node holds any of
/// them (publishes never hand them over, see `Holding`), so its sender is whichever node
/// holds them, and its local `RateLimiter` paces them exactly as on one daemon. A node that
/// holds none of them has given the webhook up: every attempt it made is recorded by then,
/// since an attempt's end and its delivery's hold are written in one transaction. The claim
/// that takes the webhook over hands the new sender those recorded attempts that ended in the
/// last window, and, when a dead node's deliveries of it were freed, attempts that node may
/// still have had under way (`webhook_pacing`): one per delivery it held, up to the limit,
/// counted as ending when the webhook's timeout after the freeing has passed.
extension PostgresStore {
    /// Added to a recorded attempt's end: its start is rounded to the millisecond and its
    /// duration truncated, so the recorded end may be up to this much early.
    static let recordedEndSlack: Int64 = 2

    /// The window a rate limit counts in, in milliseconds.
    static let rateLimitWindow: Int64 = 1000

    /// A rate-limited webhook, as a claim needs it.
    struct PacedWebhook {
        let id: String
        let fifo: Bool
        let perSecond: Int
        let timeoutMs: Int64
    }

    /// Every rate-limited webhook, by id.
    static func pacedWebhooks(in session: PostgresSession) async throws -> [String: PacedWebhook] {
        var paced: [String: PacedWebhook] = [:]
        for row in try await session.rows(
            "SELECT id, ordering, rate_limit_per_second, timeout_ms FROM webhooks WHERE rate_limit_per_second > 0")
        {
            let webhook = PacedWebhook(
                id: try row.get("id"), fifo: try row.get("ordering", as: String.self) == WebhookOrdering.fifo.rawValue,
                perSecond: Int(try row.get("rate_limit_per_second", as: Int64.self)), timeoutMs: try row.get("timeout_ms"))
            paced[webhook.id] = webhook
        }
        return paced
    }

    /// Which of `webhookIds` have awaiting deliveries held by a node other than `owner`, and
    /// which by `owner`.
    static func senders(of webhookIds: [String], owner: String, in session: PostgresSession) async throws
        -> (elsewhere: Set<String>, owner: Set<String>)
    {
        guard !webhookIds.isEmpty else { return ([], []) }
        var elsewhere: Set<String> = []
        var own: Set<String> = []
        for row in try await session.rows(
            """
            SELECT webhook_id, bool_or(lease_owner <> \(owner)) AS elsewhere, bool_or(lease_owner = \(owner)) AS own
            FROM deliveries
            WHERE webhook_id = ANY(\(webhookIds)) AND status IN ('pending', 'scheduled') AND lease_owner IS NOT NULL
                AND paced
            GROUP BY webhook_id
            """)
        {
            let id = try row.get("webhook_id", as: String.self)
            if try row.get("elsewhere", as: Bool.self) { elsewhere.insert(id) }
            if try row.get("own", as: Bool.self) { own.insert(id) }
        }
        return (elsewhere, own)
    }

    /// The attempts a node taking `webhook` over at `now` (stored milliseconds) must count as
    /// its own: the last `perSecond` recorded ones that ended in the last window, and those a
    /// dead node may still have had under way.
    static func recentAttempts(of webhook: PacedWebhook, at now: Int64, in session: PostgresSession) async throws
        -> [RecentAttempt]
    {
        let horizon = now - rateLimitWindow - recordedEndSlack
        // An attempt that ended after `horizon` started after `horizon` less its timeout (and
        // a second's grace for a late timeout), and no later attempt of its delivery started
        // before it: the delivery's last attempt started after that too.
        var attempts = try await session.rows(
            """
            SELECT a.delivery_id, a.started_at + a.duration_ms AS ended
            FROM deliveries d JOIN attempts a ON a.delivery_id = d.id
            WHERE d.webhook_id = \(webhook.id) AND d.paced AND d.last_attempt_at IS NOT NULL
                AND d.last_attempt_at >= \(horizon - webhook.timeoutMs - rateLimitWindow)
                AND a.started_at + a.duration_ms >= \(horizon)
            ORDER BY ended DESC LIMIT \(webhook.perSecond)
            """
        ).map { row in
            RecentAttempt(
                deliveryId: try row.get("delivery_id"),
                endedAt: Date(storedMilliseconds: try row.get("ended", as: Int64.self) + recordedEndSlack))
        }
        if let row = try await session.row("SELECT unrecorded, until FROM webhook_pacing WHERE webhook_id = \(webhook.id)")
        {
            let until = try row.get("until", as: Int64.self)
            if until >= horizon {
                let count = min(Int(try row.get("unrecorded", as: Int64.self)), webhook.perSecond)
                attempts += Array(repeating: RecentAttempt(deliveryId: nil, endedAt: Date(storedMilliseconds: until)), count: count)
            } else {
                try await session.execute("DELETE FROM webhook_pacing WHERE webhook_id = \(webhook.id)")
            }
        }
        return attempts.sorted { $0.endedAt < $1.endedAt }
    }

    /// Notes that `deliveryIds`, held by a node that died (or by the earlier process of a
    /// restarted node), were freed at `now` (stored milliseconds): for each rate-limited
    /// webhook among them, that many attempts may have been under way and count until its
    /// timeout has passed.
    static func noteUnrecordedAttempts(ofFreed deliveryIds: [String], at now: Int64, in session: PostgresSession)
        async throws
    {
        guard !deliveryIds.isEmpty else { return }
        try await session.execute(
            """
            INSERT INTO webhook_pacing (webhook_id, unrecorded, until)
            SELECT d.webhook_id, count(*), \(now) + w.timeout_ms
            FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.id = ANY(\(deliveryIds)) AND w.rate_limit_per_second > 0
            GROUP BY d.webhook_id, w.timeout_ms
            ON CONFLICT (webhook_id) DO UPDATE SET
                unrecorded = CASE WHEN webhook_pacing.until >= \(now - rateLimitWindow)
                    THEN webhook_pacing.unrecorded + EXCLUDED.unrecorded ELSE EXCLUDED.unrecorded END,
                until = GREATEST(webhook_pacing.until, EXCLUDED.until)
            """)
    }
}
