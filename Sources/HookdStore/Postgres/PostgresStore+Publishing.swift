import Foundation
import HookdCore
internal import PostgresNIO

extension PostgresStore {
    /// Stores events and fans each out in one transaction, as `SQLiteStore.publish` does.
    public func publish(_ events: [Event], at now: Date) async throws -> [PublishOutcome] {
        let now = now.storedPrecision
        return try await write { session in
            var fanOut = PostgresFanOut(sealer: self.secretSealer)
            var holding = Holding(owner: nil, room: 0)
            return try await Self.insert(events, at: now, fanOut: &fanOut, holding: &holding, in: session)
        }
    }

    /// The body of `publish` inside a write: new awaiting deliveries are held for `holding`'s
    /// owner while its room lasts (never a fifo webhook's).
    static func insert(
        _ events: [Event], at now: Date, fanOut: inout PostgresFanOut, holding: inout Holding, in session: PostgresSession
    ) async throws -> [PublishOutcome] {
        var sequence = try await nextSequence(session)
        var outcomes: [PublishOutcome] = []
        outcomes.reserveCapacity(events.count)
        var filteredOut: [String: Int] = [:]
        // One query for the ids already stored, then one statement per table for the rows.
        var known = try await storedEvents(ids: events.map(\.id), in: session)
        var eventRows: [EventRecord] = []
        var deliveryRows: [DeliveryRecord] = []
        for event in events {
            if let stored = known[event.id] {
                outcomes.append(PublishOutcome(event: stored, deliveries: [], duplicate: true))
                continue
            }
            var event = event
            event.timestamp = event.timestamp.storedPrecision
            let position = sequence
            let record = try EventRecord(event, sequence: position)
            eventRows.append(record)
            // A repeat later in this batch is a duplicate of this one.
            known[event.id] = event
            sequence += 1
            var deliveries: [Delivery] = []
            for webhook in try await fanOut.webhooks(of: event.account, in: session)
            where webhook.isSubscribed(to: event.type) {
                guard webhook.accepts(data: event.data) else {
                    filteredOut[webhook.id, default: 0] += 1
                    continue
                }
                let delivery = webhook.initialDelivery(for: event, at: now)
                let owner = holding.place(delivery, of: webhook, body: record.body, traceContext: record.traceContext)
                deliveryRows.append(
                    DeliveryRecord(delivery, linePosition: position, leaseOwner: owner, fifo: webhook.ordering == .fifo))
                deliveries.append(delivery)
            }
            outcomes.append(PublishOutcome(event: event, deliveries: deliveries, duplicate: false))
        }
        try await eventInsert.execute(eventRows, in: session)
        try await deliveryInsert.execute(deliveryRows, in: session)
        for (webhookId, filtered) in filteredOut.sorted(by: { $0.key < $1.key }) {
            try await session.execute(
                """
                INSERT INTO webhook_filter_counts (webhook_id, filtered) VALUES (\(webhookId), \(filtered))
                ON CONFLICT (webhook_id) DO UPDATE SET filtered = webhook_filter_counts.filtered + excluded.filtered
                """)
        }
        return outcomes
    }

    /// Stores an event with a single `pending` delivery to one webhook (`Webhooks.Test`).
    public func publish(_ event: Event, to webhook: Webhook, at now: Date) async throws -> Delivery {
        let now = now.storedPrecision
        return try await write { session in
            guard let target = try await Self.webhookRow(id: webhook.id, in: session)
            else { throw HookdError.notFound(.webhook, webhook.qualifiedName) }
            if try await session.row("SELECT 1 FROM events WHERE id = \(event.id)") != nil {
                throw HookdError.alreadyExists(.event, event.id)
            }
            var event = event
            event.timestamp = event.timestamp.storedPrecision
            let sequence = try await Self.nextSequence(session)
            try await Self.insert(try EventRecord(event, sequence: sequence), in: session)
            let delivery = Delivery(
                eventId: event.id, eventType: event.type, account: target.account, webhookId: target.id,
                webhookName: target.name, status: .pending, nextAttemptAt: now, nextTrigger: .manual, createdAt: now)
            try await Self.insert(
                DeliveryRecord(delivery, linePosition: sequence, fifo: target.ordering == WebhookOrdering.fifo.rawValue),
                in: session)
            return delivery
        }
    }

    /// The row of a webhook without opening its secrets (its account, name and ordering).
    private static func webhookRow(id: String, in session: PostgresSession) async throws -> WebhookRecord? {
        try await session.row("SELECT * FROM webhooks WHERE id = \(id)").map(WebhookRecord.init(row:))
    }

    /// The number the next event or re-queued delivery takes (see `PublishSequence`); the
    /// writer lock keeps it from being taken twice.
    static func nextSequence(_ session: PostgresSession) async throws -> Int64 {
        try await session.value(
            Int64.self,
            """
            SELECT GREATEST(COALESCE((SELECT MAX(sequence) FROM events), 0),
                COALESCE((SELECT reserved_sequence FROM meta WHERE id = 1), 0)) + 1
            """) ?? 1
    }

    /// The events among `ids` already stored, by id.
    private static func storedEvents(ids: [String], in session: PostgresSession) async throws -> [String: Event] {
        guard !ids.isEmpty else { return [:] }
        var stored: [String: Event] = [:]
        for row in try await session.rows("SELECT * FROM events WHERE id = ANY(\(ids))") {
            let event = try EventRecord(row: row).event()
            stored[event.id] = event
        }
        return stored
    }

    static func insert(_ r: EventRecord, in session: PostgresSession) async throws {
        try await eventInsert.execute([r], in: session)
    }

    static func insert(_ r: DeliveryRecord, in session: PostgresSession) async throws {
        try await deliveryInsert.execute([r], in: session)
    }

    /// Event rows, many to a statement.
    static let eventInsert = PostgresMultiRowStatement<EventRecord>(
        head: "INSERT INTO events (id, sequence, account, type, timestamp, data, body, traceparent, tracestate) VALUES"
    ) { r, sql in
        try sql.appendValue(r.id)
        try sql.appendValue(r.sequence)
        try sql.appendValue(r.account)
        try sql.appendValue(r.type)
        try sql.appendValue(r.timestamp)
        try sql.appendValue(r.data)
        try sql.appendValue(r.body)
        try sql.appendValue(r.traceparent)
        try sql.appendValue(r.tracestate, last: true)
    }

    /// Delivery rows, many to a statement.
    static let deliveryInsert = PostgresMultiRowStatement<DeliveryRecord>(
        head: """
            INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status, attempts,
                next_attempt_at, last_attempt_at, last_status_code, last_error, next_trigger, line_position,
                lease_owner, fifo, created, updated) VALUES
            """
    ) { r, sql in
        try sql.appendValue(r.id)
        try sql.appendValue(r.eventId)
        try sql.appendValue(r.eventType)
        try sql.appendValue(r.account)
        try sql.appendValue(r.webhookId)
        try sql.appendValue(r.webhookName)
        try r.appendAttemptState(to: &sql)
        try sql.appendValue(r.linePosition)
        try sql.appendValue(r.leaseOwner)
        try sql.appendValue(r.fifo)
        try sql.appendValue(r.created)
        try sql.appendValue(r.updated, last: true)
    }
}
