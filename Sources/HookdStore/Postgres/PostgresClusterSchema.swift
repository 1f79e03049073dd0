/// The second migration: what several daemons on one database need beyond the first schema.
///
/// Holds are found by owner (`deliveries_on_lease_owner`), so a dead node's are freed
/// without a scan. Triggers announce on the `hookd` channel (`PostgresNotice`) what other
/// daemons must hear at once: `work` when a statement leaves a delivery awaiting an attempt
/// that nobody holds (a publish beyond the publisher's room, a fifo delivery, a release, a
/// redelivery or recovery), `webhooks` when any webhook is created, changed or deleted.
/// PostgreSQL sends them when the transaction commits, and folds repeats into one.
enum PostgresClusterSchema {
    /// The notification channel every daemon listens on.
    static let channel = "hookd"

    static let statements = [
        "CREATE INDEX deliveries_on_lease_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL",
        """
        CREATE FUNCTION hookd_announce_work() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed WHERE lease_owner IS NULL AND status IN ('pending', 'scheduled')) THEN
                PERFORM pg_notify('\(channel)', 'work');
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER deliveries_inserted_announce AFTER INSERT ON deliveries
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hookd_announce_work()
        """,
        """
        CREATE TRIGGER deliveries_updated_announce AFTER UPDATE ON deliveries
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hookd_announce_work()
        """,
        """
        CREATE FUNCTION hookd_announce_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed) THEN
                PERFORM pg_notify('\(channel)', 'webhooks');
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER webhooks_inserted_announce AFTER INSERT ON webhooks
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hookd_announce_webhooks()
        """,
        """
        CREATE TRIGGER webhooks_updated_announce AFTER UPDATE ON webhooks
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hookd_announce_webhooks()
        """,
        """
        CREATE TRIGGER webhooks_deleted_announce AFTER DELETE ON webhooks
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION hookd_announce_webhooks()
        """,
    ]
}
