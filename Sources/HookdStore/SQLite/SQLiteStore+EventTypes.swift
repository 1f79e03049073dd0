internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Adds an event type; `ALREADY_EXISTS` when the name is taken.
    public func createEventType(_ eventType: EventType) async throws {
        try await database.write { db in
            try Self.insertEventType(eventType, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `createEventType` inside a caller's transaction (no revision change).
    static func insertEventType(_ eventType: EventType, in db: Database) throws {
        if try EventTypeRecord.exists(db, key: eventType.name) {
            throw HookdError.alreadyExists(.eventType, eventType.name)
        }
        try EventTypeRecord(eventType).insert(db)
    }

    /// Replaces an event type (its creation date stays); `NOT_FOUND` when absent.
    public func updateEventType(_ eventType: EventType) async throws {
        try await database.write { db in
            try Self.replaceEventType(eventType, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `updateEventType` inside a caller's transaction (no revision change).
    static func replaceEventType(_ eventType: EventType, in db: Database) throws {
        guard let stored = try EventTypeRecord.fetchOne(db, key: eventType.name) else {
            throw HookdError.notFound(.eventType, eventType.name)
        }
        var record = try EventTypeRecord(eventType)
        record.created = stored.created
        try record.update(db)
    }

    /// The event type with this name, if any.
    public func eventType(named name: String) async throws -> EventType? {
        try await database.read { db in
            try EventTypeRecord.fetchOne(db, key: name)?.eventType()
        }
    }

    /// All event types, by name.
    public func eventTypes() async throws -> [EventType] {
        try await database.read { db in
            try EventTypeRecord.order(\.name).fetchAll(db).map { try $0.eventType() }
        }
    }

    /// Removes an event type; `NOT_FOUND` when absent, `FAILED_PRECONDITION`
    /// (`hookd.EventTypeInUse`, naming the webhooks) while a webhook subscribes to it by its
    /// exact name. Subscriptions by pattern (`customer.*`, `*`) do not hold it.
    public func deleteEventType(named name: String) async throws {
        try await database.write { db in
            try Self.removeEventType(name, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `deleteEventType` inside a caller's transaction (no revision change).
    static func removeEventType(_ name: String, in db: Database) throws {
        guard try EventTypeRecord.exists(db, key: name) else {
            throw HookdError.notFound(.eventType, name)
        }
        let subscribers = try String.fetchAll(
            db,
            sql: """
                SELECT account || '/' || name FROM webhooks
                WHERE EXISTS (SELECT 1 FROM json_each(webhooks.events) WHERE json_each.value = ?)
                ORDER BY account, name
                """,
            arguments: [name])
        guard subscribers.isEmpty else {
            throw HookdError.eventTypeInUse(name, webhooks: subscribers)
        }
        try EventTypeRecord.deleteOne(db, key: name)
    }
}
