/// The third migration: what a rate-limited webhook's handover between nodes needs.
///
/// A node taking a rate-limited webhook over counts the attempts made to it in the last
/// window: deliveries are found by webhook and last attempt (`deliveries_on_webhook_last_attempt`),
/// their attempts by key. Attempts a dead node may still have had under way are not recorded
/// anywhere: when a claim or a restart frees a dead node's deliveries of a rate-limited
/// webhook, `webhook_pacing` keeps how many it held (`unrecorded`) and when those attempts had
/// ended at the latest (`until`: the freeing time plus the webhook's timeout).
enum PostgresPacingSchema {
    static let statements = [
        """
        CREATE INDEX deliveries_on_webhook_last_attempt ON deliveries (webhook_id, last_attempt_at)
        WHERE last_attempt_at IS NOT NULL
        """,
        """
        CREATE TABLE webhook_pacing (
            webhook_id TEXT PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
            unrecorded BIGINT NOT NULL, until BIGINT NOT NULL)
        """,
    ]
}
