import Foundation
internal import GRDB
import HookdCore

/// A row of `deliveries`: one event on its way to one webhook.
struct DeliveryRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "deliveries"

    var id: String
    var eventId: String
    var eventType: String
    var account: String
    var webhookId: String
    var webhookName: String
    var status: String
    var attempts: Int
    var nextAttemptAt: Int64?
    var lastAttemptAt: Int64?
    var lastStatusCode: Int?
    var lastError: String?
    var nextTrigger: String
    /// The delivery's place in its webhook's line (what a fifo webhook sends in): its
    /// event's sequence, or a later number once re-queued. Set by the store on insert and
    /// re-queue only; `nil` for deliveries that ended before positions were kept.
    var linePosition: Int64?
    /// The node holding the delivery in memory; `nil` when only the store has it.
    var leaseOwner: String?
    /// True while the delivery awaits an attempt on a fifo webhook.
    var fifo: Bool
    var created: Int64
    var updated: Int64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case eventId = "event_id"
        case eventType = "event_type"
        case account
        case webhookId = "webhook_id"
        case webhookName = "webhook_name"
        case status, attempts
        case nextAttemptAt = "next_attempt_at"
        case lastAttemptAt = "last_attempt_at"
        case lastStatusCode = "last_status_code"
        case lastError = "last_error"
        case nextTrigger = "next_trigger"
        case linePosition = "line_position"
        case leaseOwner = "lease_owner"
        case fifo
        case created, updated
    }

    /// What saving a delivery's new state writes: everything but the line position, the lease
    /// and the fifo mark, which only the store assigns.
    static let stateColumns = CodingKeys.allCases.filter { ![.id, .linePosition, .leaseOwner, .fifo].contains($0) }
        .map(\.rawValue)

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let eventId = Column(CodingKeys.eventId)
        static let webhookId = Column(CodingKeys.webhookId)
        static let status = Column(CodingKeys.status)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        static let created = Column(CodingKeys.created)
        static let linePosition = Column(CodingKeys.linePosition)
    }
}

extension DeliveryRecord {
    /// The row for `delivery`, at `linePosition` when it is being inserted or re-queued.
    init(_ delivery: Delivery, linePosition: Int64? = nil, leaseOwner: String? = nil, fifo: Bool = false) {
        self.linePosition = linePosition
        self.leaseOwner = leaseOwner
        self.fifo = fifo && delivery.status.isAwaitingAttempt
        id = delivery.id
        eventId = delivery.eventId
        eventType = delivery.eventType
        account = delivery.account
        webhookId = delivery.webhookId
        webhookName = delivery.webhookName
        status = delivery.status.rawValue
        attempts = delivery.attempts
        nextAttemptAt = delivery.nextAttemptAt?.storedMilliseconds
        lastAttemptAt = delivery.lastAttemptAt?.storedMilliseconds
        lastStatusCode = delivery.lastStatusCode
        lastError = delivery.lastError
        nextTrigger = delivery.nextTrigger.rawValue
        created = delivery.createdAt.storedMilliseconds
        updated = delivery.updatedAt.storedMilliseconds
    }

    /// Inserts the row through a cached statement (the publish path's insert).
    func insertRow(_ db: Database) throws {
        var statement = try DirectStatement(
            db,
            sql: """
                INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status, attempts,
                    next_attempt_at, last_attempt_at, last_status_code, last_error, next_trigger, line_position,
                    lease_owner, fifo, created, updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        statement.bind(id)
        statement.bind(eventId)
        statement.bind(eventType)
        statement.bind(account)
        statement.bind(webhookId)
        statement.bind(webhookName)
        statement.bind(status)
        statement.bind(attempts)
        statement.bind(nextAttemptAt)
        statement.bind(lastAttemptAt)
        statement.bind(lastStatusCode)
        statement.bind(lastError)
        statement.bind(nextTrigger)
        statement.bind(linePosition)
        statement.bind(leaseOwner)
        statement.bind(fifo)
        statement.bind(created)
        statement.bind(updated)
        try statement.run()
    }

    func delivery() throws -> Delivery {
        guard let status = DeliveryStatus(rawValue: status) else {
            throw StoredValueError(table: Self.databaseTableName, column: "status", value: status)
        }
        guard let nextTrigger = AttemptTrigger(rawValue: nextTrigger) else {
            throw StoredValueError(table: Self.databaseTableName, column: "next_trigger", value: nextTrigger)
        }
        return Delivery(
            id: id, eventId: eventId, eventType: eventType, account: account, webhookId: webhookId,
            webhookName: webhookName, status: status, attempts: attempts,
            nextAttemptAt: nextAttemptAt.map(Date.init(storedMilliseconds:)),
            lastAttemptAt: lastAttemptAt.map(Date.init(storedMilliseconds:)),
            lastStatusCode: lastStatusCode, lastError: lastError, nextTrigger: nextTrigger,
            createdAt: Date(storedMilliseconds: created), updatedAt: Date(storedMilliseconds: updated))
    }

    /// Saves `delivery` over its row, keeping its place in line; `NOT_FOUND` when the row is
    /// gone (its webhook was deleted).
    static func replace(with delivery: Delivery, in db: Database) throws {
        do {
            try DeliveryRecord(delivery).update(db, columns: stateColumns)
        } catch RecordError.recordNotFound {
            throw HookdError.notFound(.delivery, delivery.id)
        }
    }
}
