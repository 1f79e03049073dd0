import Foundation
internal import GRDB

/// The schema of the SQLite store, as an ordered list of named migrations.
///
/// A migration, once released, never changes: a schema change is a new migration appended
/// here (`v2-...`), which `DatabaseMigrator` runs once on every existing database.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial", migrate: createInitialSchema)
        migrator.registerMigration("v2-events-timestamp-index", migrate: indexEventTimestamps)
        migrator.registerMigration("v3-deliveries-next-trigger", migrate: addNextTrigger)
        migrator.registerMigration("v4-webhooks-previous-secret", migrate: addPreviousSecret)
        migrator.registerMigration("v5-webhook-health", migrate: createWebhookHealth)
        migrator.registerMigration("v6-attempts-headers-next", migrate: addAttemptDetails)
        migrator.registerMigration("v7-webhooks-rate-limit", migrate: addRateLimit)
        migrator.registerMigration("v8-attempts-resolved-address", migrate: addResolvedAddress)
        migrator.registerMigration("v9-webhooks-ordering", migrate: addOrdering)
        migrator.registerMigration("v10-delivery-queue", migrate: createDeliveryQueue)
        migrator.registerMigration("v11-webhooks-signature", migrate: addSignature)
        migrator.registerMigration("v12-webhooks-filter", migrate: addFilter)
        migrator.registerMigration("v13-events-trace-context", migrate: addTraceContext)
        migrator.registerMigration("v14-audit-log", migrate: createAuditLog)
        migrator.registerMigration("v15-deliveries-status-check", migrate: checkStatusByComparisons)
        migrator.registerMigration("v16-fifo-lines-only", migrate: indexFifoLinesOnly)
        return migrator
    }

    /// The index of fifo lines (`deliveries_awaiting_on_webhook_line`) made to hold fifo
    /// webhooks' awaiting deliveries only.
    ///
    /// It held every awaiting delivery, though only fifo lines are ever looked up in it (their
    /// heads, and a line skipped when its head fails for good): every delivery of an
    /// unordered webhook, nearly all of them, paid an index entry when published and its
    /// removal when it ended, in the writer every publish waits for. A fifo webhook's awaiting
    /// deliveries are all marked `fifo` (at publish, at re-queue, and when a webhook's ordering
    /// changes), so the lines it holds are whole. Building it reads the table once.
    private static func indexFifoLinesOnly(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX deliveries_awaiting_on_webhook_line")
        try db.execute(sql: fifoLineIndexSQL)
    }

    /// The index of fifo lines, as `v16-fifo-lines-only` makes it.
    static let fifoLineIndexSQL = """
        CREATE INDEX deliveries_awaiting_on_webhook_line ON deliveries (webhook_id, line_position)
        WHERE status IN ('pending', 'scheduled') AND fifo = 1
        """

    /// The status check of `deliveries` as it was created, and as `checkStatusByComparisons`
    /// rewrites it.
    static let statusCheckAsList = "CHECK (status IN ('pending', 'scheduled', 'delivered', 'failed', 'skipped'))"
    static let statusCheckAsComparisons =
        "CHECK (status = 'pending' OR status = 'scheduled' OR status = 'delivered' OR status = 'failed' OR status = 'skipped')"

    /// The same status check of `deliveries` written as comparisons instead of an `IN` list.
    ///
    /// SQLite evaluates an `IN` list of more than two constants through a temporary index it
    /// builds each time a statement runs: every delivery insert and every status update
    /// opened, filled and closed one, about 8 % of the writer's time under a steady load
    /// (`perf`, `hookd-bench latency`). Comparisons cost a few instructions.
    ///
    /// The check allows exactly what it allowed before, so no stored row can break it, and
    /// SQLite's documented way to change such a constraint applies: the table's definition is
    /// rewritten in `sqlite_schema` and the schema version advanced, in this migration's
    /// transaction, without copying the table (which could hold millions of rows). A SQLite
    /// built to refuse schema edits (`SQLITE_DBCONFIG_DEFENSIVE`) keeps the check as it was:
    /// slower, never wrong, and no reason to refuse to open the store.
    private static func checkStatusByComparisons(_ db: Database) throws {
        let definition = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'deliveries'"
        guard let sql = try String.fetchOne(db, sql: definition), sql.contains(statusCheckAsList) else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        defer { try? db.execute(sql: "PRAGMA writable_schema = OFF") }
        do {
            try db.execute(
                sql: "UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'deliveries'",
                arguments: [sql.replacingOccurrences(of: statusCheckAsList, with: statusCheckAsComparisons)])
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            return  // "table sqlite_master may not be modified": the schema stays as it was.
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        db.clearSchemaCache()
    }

    /// The W3C trace context an event was published with (`NULL`: none), sent with every
    /// attempt of its deliveries.
    private static func addTraceContext(_ db: Database) throws {
        try db.alter(table: "events") { t in
            t.add(column: "traceparent", .text)
            t.add(column: "tracestate", .text)
        }
    }

    /// Who did what over the socket (see `AuditEntry`), one row per recorded call; pruned
    /// with the history.
    private static func createAuditLog(_ db: Database) throws {
        try db.create(table: "audit_log") { t in
            t.primaryKey("id", .integer)
            t.column("time", .integer).notNull()
            t.column("uid", .integer)
            t.column("pid", .integer)
            t.column("role", .text)
            t.column("method", .text).notNull()
            t.column("target", .text)
            t.column("outcome", .text).notNull()
            t.column("detail", .text)
        }
        try db.create(index: "audit_log_on_time", on: "audit_log", columns: ["time"])
    }

    /// A webhook's payload filter (`NULL`: none) as canonical JSON, and how many events each
    /// webhook's filter kept from it (`webhook_filter_counts`, a row once one was filtered).
    private static func addFilter(_ db: Database) throws {
        try db.alter(table: "webhooks") { t in
            t.add(column: "filter", .jsonText)
        }
        try db.create(table: "webhook_filter_counts") { t in
            t.primaryKey("webhook_id", .text).references("webhooks", column: "id", onDelete: .cascade)
            t.column("filtered", .integer).notNull()
        }
    }

    /// A webhook's signature scheme: `NULL` for Standard Webhooks (what every webhook made
    /// before this migration signs with), else its settings as canonical JSON
    /// (`{"encoding":"hex","header":"X-Webhook-Signature","prefix":"","scheme":"hmac-sha256",...}`).
    private static func addSignature(_ db: Database) throws {
        try db.alter(table: "webhooks") { t in
            t.add(column: "signature", .jsonText)
        }
    }

    /// The engine's queue (`DeliveryQueue`): which daemon holds each awaiting delivery, the
    /// daemons themselves, and the index that finds claimable work.
    ///
    /// `lease_owner` names the node holding a delivery in memory (claimed, or handed over at
    /// publish); `NULL` means the store alone has it. `fifo` copies the webhook's ordering onto
    /// its awaiting deliveries, so the claim index can leave fifo lines out (their heads are
    /// found through `deliveries_awaiting_on_webhook_line`). `queue_nodes` lists the daemons
    /// with their last heartbeat.
    private static func createDeliveryQueue(_ db: Database) throws {
        try db.alter(table: "deliveries") { t in
            t.add(column: "lease_owner", .text)
            t.add(column: "fifo", .boolean).notNull().defaults(to: false)
        }
        try db.execute(
            sql: """
                UPDATE deliveries SET fifo = 1
                WHERE status IN ('pending', 'scheduled')
                    AND webhook_id IN (SELECT id FROM webhooks WHERE ordering = 'fifo')
                """)
        try db.execute(
            sql: """
                CREATE INDEX deliveries_claimable ON deliveries (next_attempt_at, id)
                WHERE status IN ('pending', 'scheduled') AND lease_owner IS NULL AND fifo = 0
                """)
        try db.create(table: "queue_nodes") { t in
            t.primaryKey("id", .text)
            t.column("started", .integer).notNull()
            t.column("heartbeat", .integer).notNull()
        }
    }

    /// The address each attempt connected to (or refused), as checked by the URL policy.
    private static func addResolvedAddress(_ db: Database) throws {
        try db.alter(table: "attempts") { t in
            t.add(column: "resolved_address", .text)
        }
    }

    /// Per-webhook ordering, and each awaiting delivery's place in its webhook's line.
    ///
    /// A delivery's `line_position` is its event's sequence number when published, and a
    /// fresh number past every event when an operator re-queues it (so it joins the back);
    /// `meta.reserved_sequence` is the highest number so taken, which events then number
    /// after. Only awaiting deliveries are given a position here: ended ones get theirs
    /// when re-queued.
    private static func addOrdering(_ db: Database) throws {
        try db.alter(table: "webhooks") { t in
            t.add(column: "ordering", .text).notNull().defaults(to: "unordered")
        }
        try db.alter(table: "deliveries") { t in
            t.add(column: "line_position", .integer)
        }
        try db.alter(table: "meta") { t in
            t.add(column: "reserved_sequence", .integer).notNull().defaults(to: 0)
        }
        try db.execute(
            sql: """
                UPDATE deliveries
                SET line_position = (SELECT sequence FROM events WHERE events.id = deliveries.event_id)
                WHERE status IN ('pending', 'scheduled')
                """)
        // A fifo webhook's head of line: its awaiting deliveries by position. Partial, so it
        // holds only work not yet done, not the history.
        try db.execute(
            sql: """
                CREATE INDEX deliveries_awaiting_on_webhook_line ON deliveries (webhook_id, line_position)
                WHERE status IN ('pending', 'scheduled')
                """)
    }

    /// Accounts, the event catalog, webhooks, events with their deliveries and attempts, and
    /// the state revision.
    /// A webhook's requests-per-second cap.
    private static func addRateLimit(_ db: Database) throws {
        try db.alter(table: "webhooks") { t in
            t.add(column: "rate_limit_per_second", .integer)
        }
    }

    /// The response headers of each attempt and when the next one was scheduled.
    private static func addAttemptDetails(_ db: Database) throws {
        try db.alter(table: "attempts") { t in
            t.add(column: "response_headers", .jsonText)
            t.add(column: "next_attempt_at", .integer)
        }
    }

    /// How each webhook's deliveries have been ending, for automatic disabling.
    private static func createWebhookHealth(_ db: Database) throws {
        try db.create(table: "webhook_health") { t in
            t.primaryKey("webhook_id", .text).references("webhooks", column: "id", onDelete: .cascade)
            t.column("consecutive_exhausted", .integer).notNull()
            t.column("failing_since", .integer)
        }
    }

    /// The secret a rotation replaced, signing alongside the new one until it expires.
    private static func addPreviousSecret(_ db: Database) throws {
        try db.alter(table: "webhooks") { t in
            t.add(column: "previous_secret", .text)
            t.add(column: "previous_secret_expires", .integer)
        }
    }

    /// What started the next attempt (`scheduled`, or `manual` after a redeliver).
    private static func addNextTrigger(_ db: Database) throws {
        try db.alter(table: "deliveries") { t in
            t.add(column: "next_trigger", .text).notNull().defaults(to: "scheduled")
        }
    }

    /// Retention pruning looks events up by age.
    private static func indexEventTimestamps(_ db: Database) throws {
        try db.create(index: "events_on_timestamp", on: "events", columns: ["timestamp"])
    }

    /// Accounts, the event catalog, webhooks, events with their deliveries and attempts, and
    /// the state revision.
    private static func createInitialSchema(_ db: Database) throws {
        // One row: the revision of the configuration (accounts, event types, webhooks) that
        // saved plans are checked against.
        try db.create(table: "meta") { t in
            t.primaryKey("id", .integer, onConflict: .replace).check { $0 == 1 }
            t.column("state_revision", .integer).notNull()
        }
        try db.execute(sql: "INSERT INTO meta (id, state_revision) VALUES (1, 0)")

        try db.create(table: "accounts") { t in
            t.primaryKey("name", .text)
            t.column("plan_max_webhooks", .integer)
            t.column("plan_event_types", .jsonText).notNull()
            t.column("managed", .boolean).notNull()
            t.column("created", .integer).notNull()
        }

        try db.create(table: "event_types") { t in
            t.primaryKey("name", .text)
            t.column("description", .text)
            t.column("schema", .jsonText)
            t.column("example", .jsonText)
            t.column("managed", .boolean).notNull()
            t.column("created", .integer).notNull()
        }

        try db.create(table: "webhooks") { t in
            t.primaryKey("id", .text)
            // RESTRICT: an account is deleted only once its webhooks are gone.
            t.column("account", .text).notNull().references("accounts", column: "name", onDelete: .restrict)
            t.column("name", .text).notNull()
            t.column("url", .text).notNull()
            t.column("enabled", .boolean).notNull()
            t.column("disabled_reason", .text)
            t.column("events", .jsonText).notNull()
            t.column("secret", .text).notNull()
            t.column("retry", .jsonText).notNull()
            t.column("timeout_ms", .integer).notNull()
            t.column("headers", .jsonText).notNull()
            t.column("description", .text)
            t.column("labels", .jsonText).notNull()
            t.column("managed", .boolean).notNull()
            t.column("created", .integer).notNull()
            t.column("updated", .integer).notNull()
            t.uniqueKey(["account", "name"])
        }

        // Events keep no foreign key to their account: history outlives configuration.
        try db.create(table: "events") { t in
            t.primaryKey("id", .text).check(sql: "length(id) BETWEEN 1 AND 255")
            t.column("sequence", .integer).notNull().unique()
            t.column("account", .text).notNull()
            t.column("type", .text).notNull()
            t.column("timestamp", .integer).notNull()
            t.column("data", .jsonText).notNull()
            t.column("body", .blob).notNull()
        }
        try db.create(index: "events_on_account_sequence", on: "events", columns: ["account", "sequence"])
        try db.create(index: "events_on_type_sequence", on: "events", columns: ["type", "sequence"])

        try db.create(table: "deliveries") { t in
            t.primaryKey("id", .text)
            t.column("event_id", .text).notNull().references("events", column: "id", onDelete: .cascade)
            t.column("event_type", .text).notNull()
            t.column("account", .text).notNull()
            t.column("webhook_id", .text).notNull().references("webhooks", column: "id", onDelete: .cascade)
            t.column("webhook_name", .text).notNull()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('pending', 'scheduled', 'delivered', 'failed', 'skipped')")
            t.column("attempts", .integer).notNull()
            t.column("next_attempt_at", .integer)
            t.column("last_attempt_at", .integer)
            t.column("last_status_code", .integer)
            t.column("last_error", .text)
            t.column("created", .integer).notNull()
            t.column("updated", .integer).notNull()
        }
        // What the engine loads at start-up: awaiting deliveries by due time.
        try db.create(
            index: "deliveries_on_status_next_attempt_at", on: "deliveries", columns: ["status", "next_attempt_at"])
        // A webhook's deliveries, newest first; also serves the cascade from webhooks.
        try db.create(index: "deliveries_on_webhook_created", on: "deliveries", columns: ["webhook_id", "created"])
        // An event's deliveries; also serves the cascade from events.
        try db.create(index: "deliveries_on_event", on: "deliveries", columns: ["event_id"])
        // Unfiltered listing, newest first.
        try db.create(index: "deliveries_on_created", on: "deliveries", columns: ["created", "id"])

        try db.create(table: "attempts") { t in
            t.column("delivery_id", .text).notNull().references("deliveries", column: "id", onDelete: .cascade)
            t.column("number", .integer).notNull()
            t.column("started_at", .integer).notNull()
            t.column("duration_ms", .integer).notNull()
            t.column("status_code", .integer)
            t.column("error_class", .text)
            t.column("error", .text)
            t.column("response_body", .text)
            t.column("trigger", .text).notNull()
            t.primaryKey(["delivery_id", "number"])
        }
    }
}
