internal import PostgresNIO

/// The schema of the PostgreSQL store, as an ordered list of named migrations, each applied
/// once per database and recorded in `schema_migrations`.
///
/// Whichever daemon starts first applies them, under a session advisory lock, so two daemons
/// starting together never run one twice. As with SQLite's, a released migration never
/// changes: a schema change is a new one appended here. The columns mirror the SQLite store's
/// (times as BIGINT milliseconds, JSON as canonical text), so both stores share their records.
enum PostgresMigrations {
    /// The advisory lock key migrations run under ("hookd" in ASCII, then 1).
    static let lockKey: Int64 = 0x686F_6F6B_6400_0001

    /// Every migration, oldest first.
    static let all: [(name: String, sql: [String])] = [
        ("v1-initial", initialSchema), ("v2-cluster", PostgresClusterSchema.statements),
        ("v3-pacing", PostgresPacingSchema.statements),
    ]

    /// Applies the migrations the database has not had yet, on one connection holding the
    /// advisory lock throughout. Returns the names applied.
    static func migrate(_ session: PostgresSession) async throws -> [String] {
        try await session.execute("SELECT pg_advisory_lock(\(lockKey))")
        do {
            try await session.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            let done = Set(
                try await session.rows("SELECT name FROM schema_migrations").map { try $0.get("name", as: String.self) })
            var applied: [String] = []
            for migration in all where !done.contains(migration.name) {
                try await session.execute("BEGIN")
                do {
                    for statement in migration.sql {
                        try await session.execute(PostgresQuery(unsafeSQL: statement))
                    }
                    try await session.execute("INSERT INTO schema_migrations (name) VALUES (\(migration.name))")
                    try await session.execute("COMMIT")
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
                applied.append(migration.name)
            }
            try await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
            return applied
        } catch {
            try? await session.execute("SELECT pg_advisory_unlock(\(lockKey))")
            throw error
        }
    }

    /// The schema the SQLite store reaches with its v1 to v14 migrations.
    private static let initialSchema = [
        // One row: the configuration's revision (saved plans are checked against it) and the
        // highest publish number taken by a re-queue (see `PublishSequence`).
        """
        CREATE TABLE meta (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            state_revision BIGINT NOT NULL,
            reserved_sequence BIGINT NOT NULL DEFAULT 0)
        """,
        "INSERT INTO meta (id, state_revision) VALUES (1, 0)",
        """
        CREATE TABLE accounts (
            name TEXT PRIMARY KEY, plan_max_webhooks BIGINT, plan_event_types TEXT NOT NULL,
            managed BOOLEAN NOT NULL, created BIGINT NOT NULL)
        """,
        """
        CREATE TABLE event_types (
            name TEXT PRIMARY KEY, description TEXT, schema TEXT, example TEXT,
            managed BOOLEAN NOT NULL, created BIGINT NOT NULL)
        """,
        """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            account TEXT NOT NULL REFERENCES accounts (name) ON DELETE RESTRICT,
            name TEXT NOT NULL, url TEXT NOT NULL, enabled BOOLEAN NOT NULL, disabled_reason TEXT,
            events TEXT NOT NULL, secret TEXT NOT NULL, previous_secret TEXT, previous_secret_expires BIGINT,
            retry TEXT NOT NULL, timeout_ms BIGINT NOT NULL, rate_limit_per_second BIGINT,
            ordering TEXT NOT NULL DEFAULT 'unordered', headers TEXT NOT NULL, signature TEXT, filter TEXT,
            description TEXT, labels TEXT NOT NULL, managed BOOLEAN NOT NULL,
            created BIGINT NOT NULL, updated BIGINT NOT NULL,
            UNIQUE (account, name))
        """,
        // Events keep no foreign key to their account: history outlives configuration.
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
            sequence BIGINT NOT NULL UNIQUE, account TEXT NOT NULL, type TEXT NOT NULL,
            timestamp BIGINT NOT NULL, data TEXT NOT NULL, body BYTEA NOT NULL,
            traceparent TEXT, tracestate TEXT)
        """,
        "CREATE INDEX events_on_account_sequence ON events (account, sequence)",
        "CREATE INDEX events_on_type_sequence ON events (type, sequence)",
        "CREATE INDEX events_on_timestamp ON events (timestamp)",
        // `lease_owner`: the node holding the delivery in memory (NULL: only the store has it);
        // `fifo`: it awaits an attempt in a fifo webhook's line.
        """
        CREATE TABLE deliveries (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
            event_type TEXT NOT NULL, account TEXT NOT NULL,
            webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
            webhook_name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'scheduled', 'delivered', 'failed', 'skipped')),
            attempts BIGINT NOT NULL, next_attempt_at BIGINT, last_attempt_at BIGINT, last_status_code BIGINT,
            last_error TEXT, next_trigger TEXT NOT NULL DEFAULT 'scheduled', line_position BIGINT,
            lease_owner TEXT, fifo BOOLEAN NOT NULL DEFAULT false,
            created BIGINT NOT NULL, updated BIGINT NOT NULL)
        """,
        "CREATE INDEX deliveries_on_status_next_attempt_at ON deliveries (status, next_attempt_at)",
        "CREATE INDEX deliveries_on_webhook_created ON deliveries (webhook_id, created)",
        "CREATE INDEX deliveries_on_event ON deliveries (event_id)",
        "CREATE INDEX deliveries_on_created ON deliveries (created, id)",
        """
        CREATE INDEX deliveries_claimable ON deliveries (next_attempt_at, id)
        WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND NOT fifo
        """,
        """
        CREATE INDEX deliveries_awaiting_on_webhook_line ON deliveries (webhook_id, line_position)
        WHERE status IN ('pending', 'scheduled')
        """,
        """
        CREATE TABLE attempts (
            delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
            number BIGINT NOT NULL, started_at BIGINT NOT NULL, duration_ms BIGINT NOT NULL,
            status_code BIGINT, error_class TEXT, error TEXT, response_body TEXT, trigger TEXT NOT NULL,
            response_headers TEXT, next_attempt_at BIGINT, resolved_address TEXT,
            PRIMARY KEY (delivery_id, number))
        """,
        """
        CREATE TABLE webhook_health (
            webhook_id TEXT PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
            consecutive_exhausted BIGINT NOT NULL, failing_since BIGINT)
        """,
        """
        CREATE TABLE webhook_filter_counts (
            webhook_id TEXT PRIMARY KEY REFERENCES webhooks (id) ON DELETE CASCADE,
            filtered BIGINT NOT NULL)
        """,
        "CREATE TABLE queue_nodes (id TEXT PRIMARY KEY, started BIGINT NOT NULL, heartbeat BIGINT NOT NULL)",
        """
        CREATE TABLE audit_log (
            id BIGSERIAL PRIMARY KEY, time BIGINT NOT NULL, uid BIGINT, pid BIGINT, role TEXT,
            method TEXT NOT NULL, target TEXT, outcome TEXT NOT NULL, detail TEXT)
        """,
        "CREATE INDEX audit_log_on_time ON audit_log (time)",
    ]
}
