import Foundation
internal import GRDB
import HookdCore

/// A row of `attempts`: one HTTP request made for a delivery.
struct AttemptRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempts"

    var deliveryId: String
    var number: Int
    var startedAt: Int64
    var durationMs: Int64
    var statusCode: Int?
    var errorClass: String?
    var error: String?
    var responseBody: String?
    var trigger: String
    /// Response headers as a JSON object.
    var responseHeaders: String?
    var nextAttemptAt: Int64?
    var resolvedAddress: String?

    enum CodingKeys: String, CodingKey {
        case deliveryId = "delivery_id"
        case number
        case startedAt = "started_at"
        case durationMs = "duration_ms"
        case statusCode = "status_code"
        case errorClass = "error_class"
        case error
        case responseBody = "response_body"
        case trigger
        case responseHeaders = "response_headers"
        case nextAttemptAt = "next_attempt_at"
        case resolvedAddress = "resolved_address"
    }

    enum Columns {
        static let deliveryId = Column(CodingKeys.deliveryId)
        static let number = Column(CodingKeys.number)
    }
}

extension AttemptRecord {
    init(_ attempt: Attempt) throws {
        deliveryId = attempt.deliveryId
        number = attempt.number
        startedAt = attempt.startedAt.storedMilliseconds
        durationMs = attempt.durationMs
        statusCode = attempt.statusCode
        errorClass = attempt.errorClass?.rawValue
        error = attempt.error
        responseBody = attempt.responseBody
        trigger = attempt.trigger.rawValue
        responseHeaders = try attempt.responseHeaders.map { try StoredValue.json(stringMap: $0) }
        nextAttemptAt = attempt.nextAttemptAt?.storedMilliseconds
        resolvedAddress = attempt.resolvedAddress
    }

    /// Inserts the row through a cached statement (every attempt's end).
    func insertRow(_ db: Database) throws {
        var statement = try DirectStatement(
            db,
            sql: """
                INSERT INTO attempts (delivery_id, number, started_at, duration_ms, status_code, error_class, error,
                    response_body, trigger, response_headers, next_attempt_at, resolved_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        statement.bind(deliveryId)
        statement.bind(number)
        statement.bind(startedAt)
        statement.bind(durationMs)
        statement.bind(statusCode)
        statement.bind(errorClass)
        statement.bind(error)
        statement.bind(responseBody)
        statement.bind(trigger)
        statement.bind(responseHeaders)
        statement.bind(nextAttemptAt)
        statement.bind(resolvedAddress)
        try statement.run()
    }

    func attempt() throws -> Attempt {
        guard let trigger = AttemptTrigger(rawValue: trigger) else {
            throw StoredValueError(table: Self.databaseTableName, column: "trigger", value: trigger)
        }
        let errorClass = try errorClass.map { text in
            guard let value = AttemptErrorClass(rawValue: text) else {
                throw StoredValueError(table: Self.databaseTableName, column: "error_class", value: text)
            }
            return value
        }
        // Attempt's initializer derives its fields from an outcome; the stored fields are
        // the source of truth here, so they are set one by one.
        var attempt = Attempt(
            deliveryId: deliveryId, number: number, startedAt: Date(storedMilliseconds: startedAt),
            durationMs: durationMs, outcome: .failure(.other, message: ""), trigger: trigger)
        attempt.statusCode = statusCode
        attempt.errorClass = errorClass
        attempt.error = error
        attempt.responseBody = responseBody
        attempt.responseHeaders = try responseHeaders.map { try StoredValue.decode([String: String].self, json: $0) }
        attempt.nextAttemptAt = nextAttemptAt.map(Date.init(storedMilliseconds:))
        attempt.resolvedAddress = resolvedAddress
        return attempt
    }
}
