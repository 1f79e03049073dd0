import HookdCore

/// `EventTypes.Create`.
public struct EventTypeCreateParams: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    /// JSON Schema for the events' `data`.
    public var schema: JSONValue?
    /// An example `data` object.
    public var example: JSONValue?

    public init(name: String, description: String? = nil, schema: JSONValue? = nil, example: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.schema = schema
        self.example = example
    }
}
