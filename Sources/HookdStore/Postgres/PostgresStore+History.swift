import Foundation
import HookdCore
internal import PostgresNIO

/// Events, deliveries and attempts as they are read back.
extension PostgresStore {
    public func event(id: String) async throws -> Event? {
        try await read { session in
            try await session.row("SELECT * FROM events WHERE id = \(id)").map { try EventRecord(row: $0).event() }
        }
    }

    /// Events newest first (in the order they were stored), filtered by account and type.
    public func events(_ filter: EventFilter) async throws -> [Event] {
        var query = PostgresQuery(unsafeSQL: "SELECT * FROM events WHERE true")
        if let account = filter.account { try query.where("account", equals: account) }
        if let type = filter.type { try query.where("type", equals: type) }
        try query.append(" ORDER BY sequence DESC LIMIT ", max(0, filter.limit))
        return try await read { session in try await session.rows(query).map { try EventRecord(row: $0).event() } }
    }

    public func delivery(id: String) async throws -> Delivery? {
        try await read { session in
            try await session.row("SELECT * FROM deliveries WHERE id = \(id)").map { try DeliveryRecord(row: $0).delivery() }
        }
    }

    /// Deliveries newest first (by creation, then id) or oldest first, filtered.
    public func deliveries(_ filter: DeliveryFilter) async throws -> [Delivery] {
        var query = PostgresQuery(unsafeSQL: "SELECT * FROM deliveries WHERE true")
        if let webhookId = filter.webhookId { try query.where("webhook_id", equals: webhookId) }
        if let eventId = filter.eventId { try query.where("event_id", equals: eventId) }
        if let status = filter.status { try query.where("status", equals: status.rawValue) }
        if let statuses = filter.statuses {
            try query.append(" AND status = ANY(", statuses.map(\.rawValue).sorted(), ")")
        }
        if let from = filter.createdFrom?.storedMilliseconds { try query.append(" AND created >= ", from) }
        if let before = filter.createdBefore?.storedMilliseconds { try query.append(" AND created < ", before) }
        query.sql += filter.oldestFirst ? " ORDER BY created ASC, id ASC" : " ORDER BY created DESC, id DESC"
        try query.append(" LIMIT ", max(0, filter.limit))
        return try await read { session in try await session.rows(query).map { try DeliveryRecord(row: $0).delivery() } }
    }

    public func attempts(deliveryId: String) async throws -> [Attempt] {
        try await read { session in
            try await session.rows("SELECT * FROM attempts WHERE delivery_id = \(deliveryId) ORDER BY number")
                .map { try AttemptRecord(row: $0).attempt() }
        }
    }

    static func insert(_ r: AttemptRecord, in session: PostgresSession) async throws {
        try await attemptInsert.execute([r], in: session)
    }

    /// Attempt rows, many to a statement.
    static let attemptInsert = PostgresMultiRowStatement<AttemptRecord>(
        head: """
            INSERT INTO attempts (delivery_id, number, started_at, duration_ms, status_code, error_class, error,
                response_body, trigger, response_headers, next_attempt_at, resolved_address) VALUES
            """
    ) { r, sql in
        try sql.appendValue(r.deliveryId)
        try sql.appendValue(r.number)
        try sql.appendValue(r.startedAt)
        try sql.appendValue(r.durationMs)
        try sql.appendValue(r.statusCode)
        try sql.appendValue(r.errorClass)
        try sql.appendValue(r.error)
        try sql.appendValue(r.responseBody)
        try sql.appendValue(r.trigger)
        try sql.appendValue(r.responseHeaders)
        try sql.appendValue(r.nextAttemptAt)
        try sql.appendValue(r.resolvedAddress, last: true)
    }

    /// Counts of accounts, event types, webhooks, events, and deliveries by status.
    public func statistics() async throws -> ResourceCounts {
        try await read { session in
            var deliveries = Dictionary(uniqueKeysWithValues: DeliveryStatus.allCases.map { ($0.rawValue, 0) })
            for row in try await session.rows("SELECT status, COUNT(*) AS count FROM deliveries GROUP BY status") {
                deliveries[try row.get("status", as: String.self), default: 0] += try row.get("count", as: Int.self)
            }
            let counts = try await session.row(
                """
                SELECT (SELECT COUNT(*) FROM accounts) AS accounts, (SELECT COUNT(*) FROM event_types) AS event_types,
                    (SELECT COUNT(*) FROM webhooks) AS webhooks, (SELECT COUNT(*) FROM events) AS events
                """)
            return ResourceCounts(
                accounts: try counts?.get("accounts") ?? 0, eventTypes: try counts?.get("event_types") ?? 0,
                webhooks: try counts?.get("webhooks") ?? 0, events: try counts?.get("events") ?? 0,
                deliveries: deliveries)
        }
    }

    /// The queue's depth at `now` (see `SQLiteStore.queueDepth(at:)`).
    public func queueDepth(at now: Date) async throws -> QueueDepth {
        let millis = now.storedMilliseconds
        return try await read { session in
            let row = try await session.row(
                """
                SELECT COUNT(*) FILTER (WHERE next_attempt_at <= \(millis) OR next_attempt_at IS NULL) AS due,
                    COUNT(*) FILTER (WHERE next_attempt_at > \(millis)) AS later,
                    COUNT(*) FILTER (WHERE status = 'scheduled') AS retries,
                    (SELECT COUNT(*) FROM webhooks WHERE NOT enabled) AS disabled
                FROM deliveries WHERE status IN ('pending', 'scheduled')
                """)
            return QueueDepth(
                due: try row?.get("due") ?? 0, scheduled: try row?.get("later") ?? 0,
                retriesWaiting: try row?.get("retries") ?? 0, webhooksDisabled: try row?.get("disabled") ?? 0)
        }
    }

    /// Commits a write that changes nothing, to find whether the database takes writes.
    public func probeWrite() async throws {
        try await write { session in try await session.execute("UPDATE meta SET state_revision = state_revision WHERE id = 1") }
    }

    /// Reads the state revision: one row.
    public func probeRead() async throws {
        _ = try await read { session in try await session.row("SELECT state_revision FROM meta WHERE id = 1") }
    }
}

extension PostgresQuery {
    /// Appends ` AND column = $n`.
    mutating func `where`(_ column: String, equals value: String) throws {
        try append(" AND \(column) = ", value)
    }

    /// Appends `sql`, a bound `value`, then `suffix`.
    mutating func append(_ sql: String, _ value: some PostgresThrowingDynamicTypeEncodable, _ suffix: String = "") throws {
        try binds.append(value)
        self.sql += sql + "$\(binds.count)" + suffix
    }
}
