import HookdCore

/// `EventTypes.Update`: changes the fields given and keeps the others. The result must
/// still hold together: a schema that compiles, and an example (new or kept) that matches it.
public struct EventTypeUpdateParams: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// A new JSON Schema for the events' `data`.
    public var schema: JSONValue?
    /// A new example `data` object.
    public var example: JSONValue?

    public init(name: String, description: String? = nil, schema: JSONValue? = nil, example: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.schema = schema
        self.example = example
    }
}
