import Foundation
import HookdCore
internal import PostgresNIO

/// Retention and the audit log.
extension PostgresStore {
    /// Deletes old events chunk by chunk (deliveries and attempts follow by cascade), never
    /// one with a delivery still awaiting an attempt, and audit entries older than `cutoff`.
    public func prune(before cutoff: Date, batchSize: Int) async throws -> Int {
        let cutoff = cutoff.storedMilliseconds
        let batch = max(1, batchSize)
        try await write { session in try await session.execute("DELETE FROM audit_log WHERE time < \(cutoff)") }
        var removed = 0
        while true {
            let count = try await write { session in
                try await session.count(
                    """
                    DELETE FROM events WHERE id IN (
                        SELECT e.id FROM events e
                        WHERE e.timestamp < \(cutoff)
                          AND NOT EXISTS (
                              SELECT 1 FROM deliveries d
                              WHERE d.event_id = e.id AND d.status IN ('pending', 'scheduled'))
                        LIMIT \(batch))
                    RETURNING id
                    """)
            }
            removed += count
            if count < batch { return removed }
        }
    }

    public func recordAudit(_ entry: AuditEntry) async throws {
        let time = entry.time.storedMilliseconds
        let uid = entry.uid.map { Int64($0) }
        let pid = entry.pid.map { Int64($0) }
        try await write { session in
            try await session.execute(
                """
                INSERT INTO audit_log (time, uid, pid, role, method, target, outcome, detail)
                VALUES (\(time), \(uid), \(pid), \(entry.role), \(entry.method), \(entry.target), \(entry.outcome),
                    \(entry.detail))
                """)
        }
    }

    public func auditEntries(since: Date?, uid: UInt32?, limit: Int) async throws -> [AuditEntry] {
        var query = PostgresQuery(unsafeSQL: "SELECT * FROM audit_log WHERE true")
        if let since { try query.append(" AND time >= ", since.storedMilliseconds) }
        if let uid { try query.append(" AND uid = ", Int64(uid)) }
        query.sql += " ORDER BY time DESC, id DESC"
        try query.append(" LIMIT ", max(0, limit))
        return try await read { session in
            try await session.rows(query).map { row in
                AuditEntry(
                    time: Date(storedMilliseconds: try row.get("time")),
                    uid: try row.get("uid", as: Int64?.self).map { UInt32($0) },
                    pid: try row.get("pid", as: Int64?.self).map { Int32($0) }, role: try row.get("role"),
                    method: try row.get("method"), target: try row.get("target"), outcome: try row.get("outcome"),
                    detail: try row.get("detail"))
            }
        }
    }

    /// Refuses a database whose secrets the given key (or its absence) cannot serve, as
    /// `SQLiteStore` refuses a file.
    static func checkSecretsAtRest(sealer: SecretSealer?, in session: PostgresSession) async throws {
        var values: [String] = []
        for row in try await session.rows("SELECT secret, previous_secret FROM webhooks ORDER BY id") {
            values.append(try row.get("secret"))
            if let previous = try row.get("previous_secret", as: String?.self) { values.append(previous) }
        }
        try SecretsAtRest.check(values, sealer: sealer)
    }
}
