import Foundation

/// An entry of the event catalog, such as `transaction.completed`.
public struct EventType: Sendable, Equatable, Codable {
    /// The dotted name, e.g. `customer.created`.
    public var name: String
    public var description: String?
    /// A JSON Schema for the event's `data`, kept as given.
    public var schema: JSONValue?
    /// An example of `data`; `webhooks test --event` sends it.
    public var example: JSONValue?
    /// True when created by `hookctl apply`.
    public var managed: Bool
    public var createdAt: Date

    public init(
        name: String, description: String? = nil, schema: JSONValue? = nil, example: JSONValue? = nil,
        managed: Bool = false, createdAt: Date
    ) {
        self.name = name
        self.description = description
        self.schema = schema
        self.example = example
        self.managed = managed
        self.createdAt = createdAt
    }
}
