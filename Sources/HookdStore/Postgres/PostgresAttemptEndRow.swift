internal import PostgresNIO

/// One delivery's new state as a commit's attempt ends write it, with the fence that keeps a
/// node from writing over a delivery another node took over.
struct PostgresAttemptEndRow: Sendable {
    /// The delivery's new state.
    let record: DeliveryRecord
    /// Who holds it after this end (`AttemptEnd.holder`).
    let holder: String?
    /// The node writing: the row is written only while it holds the delivery, or nobody does.
    let owner: String

    /// Every end of a commit in one `UPDATE … FROM (VALUES …)`, returning the id and fifo
    /// mark of each delivery written; a delivery gone or held by another node is not. The
    /// columns that may be NULL are cast: postgres-nio binds a nil without a type, and a
    /// VALUES column of nothing but NULLs would be text.
    static let update = PostgresMultiRowStatement<PostgresAttemptEndRow>(
        head: """
            UPDATE deliveries AS d SET status = u.status, attempts = u.attempts,
                next_attempt_at = u.next_attempt_at::bigint, last_attempt_at = u.last_attempt_at::bigint,
                last_status_code = u.last_status_code::bigint, last_error = u.last_error::text,
                next_trigger = u.next_trigger, updated = u.updated, lease_owner = u.holder::text
            FROM (VALUES
            """,
        tail: """
            ) AS u(id, status, attempts, next_attempt_at, last_attempt_at, last_status_code, last_error, next_trigger,
                updated, holder, owner)
            WHERE d.id = u.id AND (d.lease_owner IS NULL OR d.lease_owner = u.owner)
            RETURNING d.id, d.fifo
            """
    ) { row, sql in
        try sql.appendValue(row.record.id)
        try row.record.appendAttemptState(to: &sql)
        try sql.appendValue(row.record.updated)
        try sql.appendValue(row.holder)
        try sql.appendValue(row.owner, last: true)
    }
}
