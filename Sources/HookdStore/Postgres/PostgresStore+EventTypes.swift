import HookdCore
internal import PostgresNIO
import Synchronization

extension PostgresStore {
    public func createEventType(_ eventType: EventType) async throws {
        try await write { session in
            try await Self.insertEventType(eventType, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    static func insertEventType(_ eventType: EventType, in session: PostgresSession) async throws {
        let record = try EventTypeRecord(eventType)
        let inserted = try await session.count(
            """
            INSERT INTO event_types (name, description, schema, example, managed, created)
            VALUES (\(record.name), \(record.description), \(record.schema), \(record.example), \(record.managed),
                \(record.created))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """)
        guard inserted > 0 else { throw HookdError.alreadyExists(.eventType, eventType.name) }
    }

    public func updateEventType(_ eventType: EventType) async throws {
        try await write { session in
            try await Self.replaceEventType(eventType, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    /// Replaces an event type, keeping its creation date.
    static func replaceEventType(_ eventType: EventType, in session: PostgresSession) async throws {
        let record = try EventTypeRecord(eventType)
        let updated = try await session.count(
            """
            UPDATE event_types SET description = \(record.description), schema = \(record.schema),
                example = \(record.example), managed = \(record.managed)
            WHERE name = \(record.name) RETURNING name
            """)
        guard updated > 0 else { throw HookdError.notFound(.eventType, eventType.name) }
    }

    public func eventType(named name: String) async throws -> EventType? {
        try await read { session in
            try await session.row("SELECT * FROM event_types WHERE name = \(name)")
                .map { try EventTypeRecord(row: $0).eventType() }
        }
    }

    public func eventTypes() async throws -> [EventType] {
        try await read { session in try await Self.eventTypes(session) }
    }

    static func eventTypes(_ session: PostgresSession) async throws -> [EventType] {
        try await session.rows("SELECT * FROM event_types ORDER BY name").map { try EventTypeRecord(row: $0).eventType() }
    }

    public func deleteEventType(named name: String) async throws {
        try await write { session in
            try await Self.removeEventType(name, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    /// Removes an event type unless a webhook names it exactly among its events (a JSON
    /// array of patterns; `jsonb ?` finds a string element).
    static func removeEventType(_ name: String, in session: PostgresSession) async throws {
        guard try await session.row("SELECT 1 FROM event_types WHERE name = \(name)") != nil else {
            throw HookdError.notFound(.eventType, name)
        }
        let subscribers = try await session.rows(
            "SELECT account || '/' || name AS webhook FROM webhooks WHERE events::jsonb ? \(name) ORDER BY account, name"
        ).map { try $0.get("webhook", as: String.self) }
        guard subscribers.isEmpty else { throw HookdError.eventTypeInUse(name, webhooks: subscribers) }
        try await session.execute("DELETE FROM event_types WHERE name = \(name)")
    }

    public func catalog() async throws -> Catalog {
        try await read { session in
            let revision = try await Self.stateRevision(session)
            if let kept = self.catalogCache.withLock({ $0 }), kept.revision == revision { return kept.catalog }
            var catalog = Catalog()
            for account in try await Self.accounts(session) { catalog.accounts[account.name] = account }
            for eventType in try await Self.eventTypes(session) { catalog.eventTypes[eventType.name] = eventType }
            self.catalogCache.withLock { $0 = (revision, catalog) }
            return catalog
        }
    }
}
