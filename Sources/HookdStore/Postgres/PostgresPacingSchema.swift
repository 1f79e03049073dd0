/// The third migration: what a rate-limited webhook's sending by one node at a time needs.
///
/// `deliveries.paced` marks a delivery awaiting an attempt whose webhook is rate-limited, kept
/// by triggers whichever statement writes it: set after a statement inserts deliveries
/// awaiting (once per statement), as a delivery comes back to awaiting (a redelivery, a
/// recovery), and for every awaiting delivery of a webhook whose limit is set, changed or
/// lifted. Unordered deliveries that are not paced are claimed
/// from `deliveries_claimable` as before (a rate-limited webhook's backlog is not in it, so it
/// costs other claims nothing); paced ones from `deliveries_paced_claimable`, by webhook. Which
/// node holds a rate-limited webhook's deliveries is read from the held ones only
/// (`deliveries_held_on_webhook`), and a node taking it over finds the attempts made to it in
/// the last window by the deliveries' last attempt (`deliveries_on_webhook_last_attempt`).
/// Attempts a dead node may still have had under way are not recorded anywhere: when a claim
/// or a restart frees a dead node's deliveries of a rate-limited webhook, `webhook_pacing`
/// keeps how many it held (`unrecorded`) and when those attempts had ended at the latest
/// (`until`: the freeing time plus the webhook's timeout).
enum PostgresPacingSchema {
    static let statements = [
        "ALTER TABLE deliveries ADD COLUMN paced BOOLEAN NOT NULL DEFAULT false",
        """
        UPDATE deliveries d SET paced = true FROM webhooks w
        WHERE w.id = d.webhook_id AND w.rate_limit_per_second > 0 AND d.status IN ('pending', 'scheduled')
        """,
        "DROP INDEX deliveries_claimable",
        """
        CREATE INDEX deliveries_claimable ON deliveries (next_attempt_at, id)
        WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND NOT fifo AND NOT paced
        """,
        """
        CREATE INDEX deliveries_paced_claimable ON deliveries (webhook_id, next_attempt_at, id)
        WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND NOT fifo AND paced
        """,
        """
        CREATE INDEX deliveries_held_on_webhook ON deliveries (webhook_id, lease_owner)
        WHERE lease_owner IS NOT NULL AND paced AND status IN ('pending', 'scheduled')
        """,
        """
        CREATE INDEX deliveries_on_webhook_last_attempt ON deliveries (webhook_id, last_attempt_at)
        WHERE paced AND last_attempt_at IS NOT NULL
        """,
        "CREATE INDEX webhooks_rate_limited ON webhooks (id) WHERE rate_limit_per_second > 0",
        // Once per inserting statement, and only while some webhook is rate-limited: a row
        // trigger would cost every publish a function call per delivery.
        """
        CREATE FUNCTION hookd_mark_inserted_paced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM webhooks WHERE rate_limit_per_second > 0) THEN
                UPDATE deliveries d SET paced = true
                FROM inserted i JOIN webhooks w ON w.id = i.webhook_id
                WHERE d.id = i.id AND w.rate_limit_per_second > 0 AND i.status IN ('pending', 'scheduled');
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER deliveries_inserted_paced AFTER INSERT ON deliveries
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION hookd_mark_inserted_paced()
        """,
        """
        CREATE FUNCTION hookd_mark_paced() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.paced := EXISTS (SELECT 1 FROM webhooks WHERE id = NEW.webhook_id AND rate_limit_per_second > 0);
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER deliveries_awaiting_paced BEFORE UPDATE OF status ON deliveries
        FOR EACH ROW WHEN (NEW.status IN ('pending', 'scheduled') AND OLD.status NOT IN ('pending', 'scheduled'))
        EXECUTE FUNCTION hookd_mark_paced()
        """,
        """
        CREATE FUNCTION hookd_repace_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE deliveries SET paced = (COALESCE(NEW.rate_limit_per_second, 0) > 0)
            WHERE webhook_id = NEW.id AND status IN ('pending', 'scheduled');
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER webhooks_rate_limit_changed AFTER UPDATE OF rate_limit_per_second ON webhooks
        FOR EACH ROW WHEN (OLD.rate_limit_per_second IS DISTINCT FROM NEW.rate_limit_per_second)
        EXECUTE FUNCTION hookd_repace_deliveries()
        """,
        """
        CREATE TABLE webhook_pacing (
            webhook_id TEXT PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
            unrecorded BIGINT NOT NULL, until BIGINT NOT NULL)
        """,
    ]
}
