import Foundation
internal import GRDB
import HookdCore

/// A row of `event_types`, the event catalog.
struct EventTypeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "event_types"

    var name: String
    var description: String?
    /// The JSON Schema for `data`, as canonical JSON text.
    var schema: String?
    /// An example of `data`, as canonical JSON text.
    var example: String?
    var managed: Bool
    var created: Int64

    enum Columns {
        static let name = Column(CodingKeys.name)
    }
}

extension EventTypeRecord {
    init(_ eventType: EventType) throws {
        name = eventType.name
        description = eventType.description
        schema = try StoredValue.json(eventType.schema)
        example = try StoredValue.json(eventType.example)
        managed = eventType.managed
        created = eventType.createdAt.storedMilliseconds
    }

    func eventType() throws -> EventType {
        EventType(
            name: name, description: description, schema: try StoredValue.decodeJSONValue(schema),
            example: try StoredValue.decodeJSONValue(example), managed: managed,
            createdAt: Date(storedMilliseconds: created))
    }
}
