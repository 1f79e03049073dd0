/// A table `hookd copy-store` copies, with every column it carries over and the key it pages by.
///
/// Both stores have the same tables and columns (see `PostgresMigrations`), so one list serves
/// both directions. Left out on purpose: `meta` (its one row is carried by `StoreCopy` itself),
/// `queue_nodes` (the daemons that ran on the source) and `deliveries.lease_owner` (which of
/// them held a delivery): a copy is held by nobody until a daemon starts on it; and
/// PostgreSQL's `deliveries.paced` (set by a trigger from the webhook as each row is inserted)
/// and `webhook_pacing` (attempts dead nodes of the source may have had under way, which end
/// within a webhook's timeout, long before a copy is done).
/// `StoreCopyTests` fails when a migration adds a column or table neither copied nor left out.
struct CopiedTable: Sendable {
    /// The kind of a column's values, as both stores declare it.
    enum Kind: Sendable {
        case integer, boolean, text, bytes
    }

    let name: String
    let columns: [(name: String, kind: Kind)]
    /// The primary key's columns: rows are read in this order, a batch at a time after the
    /// last key read.
    let key: [String]

    /// Every copied table, each after the tables its foreign keys point to.
    static let all: [CopiedTable] = [
        CopiedTable(
            name: "accounts",
            columns: [
                ("name", .text), ("plan_max_webhooks", .integer), ("plan_event_types", .text), ("managed", .boolean),
                ("created", .integer),
            ], key: ["name"]),
        CopiedTable(
            name: "event_types",
            columns: [
                ("name", .text), ("description", .text), ("schema", .text), ("example", .text), ("managed", .boolean),
                ("created", .integer),
            ], key: ["name"]),
        CopiedTable(
            name: "webhooks",
            columns: [
                ("id", .text), ("account", .text), ("name", .text), ("url", .text), ("enabled", .boolean),
                ("disabled_reason", .text), ("events", .text), ("secret", .text), ("previous_secret", .text),
                ("previous_secret_expires", .integer), ("retry", .text), ("timeout_ms", .integer),
                ("rate_limit_per_second", .integer), ("ordering", .text), ("headers", .text), ("signature", .text),
                ("filter", .text), ("description", .text), ("labels", .text), ("managed", .boolean),
                ("created", .integer), ("updated", .integer),
            ], key: ["id"]),
        CopiedTable(
            name: "webhook_health",
            columns: [("webhook_id", .text), ("consecutive_exhausted", .integer), ("failing_since", .integer)],
            key: ["webhook_id"]),
        CopiedTable(
            name: "webhook_filter_counts", columns: [("webhook_id", .text), ("filtered", .integer)],
            key: ["webhook_id"]),
        CopiedTable(
            name: "events",
            columns: [
                ("id", .text), ("sequence", .integer), ("account", .text), ("type", .text), ("timestamp", .integer),
                ("data", .text), ("body", .bytes), ("traceparent", .text), ("tracestate", .text),
            ], key: ["id"]),
        CopiedTable(
            name: "deliveries",
            columns: [
                ("id", .text), ("event_id", .text), ("event_type", .text), ("account", .text), ("webhook_id", .text),
                ("webhook_name", .text), ("status", .text), ("attempts", .integer), ("next_attempt_at", .integer),
                ("last_attempt_at", .integer), ("last_status_code", .integer), ("last_error", .text),
                ("next_trigger", .text), ("line_position", .integer), ("fifo", .boolean), ("created", .integer),
                ("updated", .integer),
            ], key: ["id"]),
        CopiedTable(
            name: "attempts",
            columns: [
                ("delivery_id", .text), ("number", .integer), ("started_at", .integer), ("duration_ms", .integer),
                ("status_code", .integer), ("error_class", .text), ("error", .text), ("response_body", .text),
                ("trigger", .text), ("response_headers", .text), ("next_attempt_at", .integer),
                ("resolved_address", .text),
            ], key: ["delivery_id", "number"]),
        CopiedTable(
            name: "audit_log",
            columns: [
                ("id", .integer), ("time", .integer), ("uid", .integer), ("pid", .integer), ("role", .text),
                ("method", .text), ("target", .text), ("outcome", .text), ("detail", .text),
            ], key: ["id"]),
    ]

    /// Tables and columns of the stores that are deliberately not copied (see above).
    static let leftOut: Set<String> = ["meta", "queue_nodes", "deliveries.lease_owner", "deliveries.paced", "webhook_pacing"]

    /// The column list for SQL (`a, b, c`).
    var columnList: String { columns.map(\.name).joined(separator: ", ") }

    /// Where in a row each key column is.
    var keyIndices: [Int] { key.compactMap { name in columns.firstIndex { $0.name == name } } }
}
