import Foundation
internal import GRDB
import HookdCore

/// A row of `events`: the event as published, and the envelope bytes every attempt sends.
struct EventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "events"

    var id: String
    /// Insertion order, so listings are stable even for events with equal timestamps.
    var sequence: Int64
    var account: String
    var type: String
    var timestamp: Int64
    /// The payload as canonical JSON text.
    var data: String
    /// `Event.envelopeBody()`, computed once when the event is stored.
    var body: Data
    /// The W3C trace context the producer gave, sent as headers with every attempt.
    var traceparent: String?
    var tracestate: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let sequence = Column(CodingKeys.sequence)
        static let account = Column(CodingKeys.account)
        static let type = Column(CodingKeys.type)
        static let body = Column(CodingKeys.body)
    }
}

extension EventRecord {
    /// The row for `event`, whose timestamp must already be at stored precision so that the
    /// envelope and the column agree.
    init(_ event: Event, sequence: Int64) throws {
        id = event.id
        self.sequence = sequence
        account = event.account
        type = event.type
        timestamp = event.timestamp.storedMilliseconds
        let dataJSON = try event.canonicalData()
        data = String(decoding: dataJSON, as: UTF8.self)
        body = event.envelopeBody(dataJSON: dataJSON)
        traceparent = event.traceparent
        tracestate = event.tracestate
    }

    /// The trace context receivers get; `nil` when the producer gave none.
    var traceContext: TraceContext? {
        traceparent.map { TraceContext(traceparent: $0, tracestate: tracestate) }
    }

    func event() throws -> Event {
        Event(
            id: id, account: account, type: type, timestamp: Date(storedMilliseconds: timestamp),
            data: try StoredValue.decode(JSONValue.self, json: data), traceparent: traceparent, tracestate: tracestate)
    }

    /// Inserts the row unless an event with its id is stored already (also earlier in the
    /// same transaction), through a cached statement: the publish path's insert, without the
    /// record encoding GRDB's `insert` goes through, and with the duplicate check in the same
    /// statement instead of a probe before it. Returns whether the row was inserted.
    func insertRowIfNew(_ db: Database) throws -> Bool {
        var statement = try DirectStatement(
            db,
            sql: """
                INSERT INTO events (id, sequence, account, type, timestamp, data, body, traceparent, tracestate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """)
        statement.bind(id)
        statement.bind(sequence)
        statement.bind(account)
        statement.bind(type)
        statement.bind(timestamp)
        statement.bind(data)
        statement.bind(body)
        statement.bind(traceparent)
        statement.bind(tracestate)
        try statement.run()
        return db.changesCount > 0
    }

    /// The stored row whose id is `id`, through a cached statement.
    static func stored(id: String, in db: Database) throws -> EventRecord? {
        let statement = try db.cachedStatement(
            sql: "SELECT id, sequence, account, type, timestamp, data, body, traceparent, tracestate FROM events WHERE id = ?")
        return try EventRecord.fetchOne(statement, arguments: [id])
    }

    /// The sequence number the next inserted event takes.
    static func nextSequence(_ db: Database) throws -> Int64 {
        try PublishSequence.next(db)
    }
}
