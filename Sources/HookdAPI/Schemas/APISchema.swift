import HookdCore

/// Builds the JSON Schemas of the API's types, so each type states its shape in a few lines.
///
/// Objects are closed (`additionalProperties: false`): a member added to a type without its
/// schema fails the contract test.
public enum APISchema {
    /// Where named schemas live in the OpenRPC document.
    public static let referencePrefix = "#/components/schemas/"

    /// A closed object: `required` members must be present, `optional` ones may be.
    public static func object(
        _ description: String, required: KeyValuePairs<String, JSONValue> = [:],
        optional: KeyValuePairs<String, JSONValue> = [:]
    ) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for (name, schema) in required { properties[name] = schema }
        for (name, schema) in optional { properties[name] = schema }
        var members: [String: JSONValue] = [
            "type": "object", "description": .string(description), "properties": .object(properties),
            "additionalProperties": false,
        ]
        if !required.isEmpty { members["required"] = .array(required.map { .string($0.key) }) }
        return .object(members)
    }

    /// A string.
    public static func string(_ description: String? = nil) -> JSONValue {
        described(["type": "string"], description)
    }

    /// One of the given strings.
    public static func oneOf(_ values: [String], _ description: String? = nil) -> JSONValue {
        described(["type": "string", "enum": .array(values.map { .string($0) })], description)
    }

    /// An integer, at least `minimum` when given.
    public static func integer(_ description: String? = nil, minimum: Int64? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "integer"]
        if let minimum { schema["minimum"] = .int(minimum) }
        return described(.object(schema), description)
    }

    /// `true` or `false`.
    public static func boolean(_ description: String? = nil) -> JSONValue {
        described(["type": "boolean"], description)
    }

    /// A moment as hookd writes it: ISO 8601 in UTC with milliseconds.
    public static func dateTime(_ description: String? = nil) -> JSONValue {
        described(["type": "string", "format": "date-time"], description)
    }

    /// An array of `items`.
    public static func array(_ items: JSONValue, _ description: String? = nil) -> JSONValue {
        described(["type": "array", "items": items], description)
    }

    /// An object whose members are all `values` (labels, headers, counts).
    public static func map(_ values: JSONValue, _ description: String? = nil) -> JSONValue {
        described(["type": "object", "additionalProperties": values], description)
    }

    /// Any JSON object (an event's `data`).
    public static func jsonObject(_ description: String? = nil) -> JSONValue {
        described(["type": "object"], description)
    }

    /// Any JSON value (a JSON Schema, a filter, a changed field's value).
    public static func anyValue(_ description: String) -> JSONValue {
        ["description": .string(description)]
    }

    /// The named schema of `type`, or its schema inline when it has no name.
    public static func reference<T: APISchemaDescribed>(_ type: T.Type) -> JSONValue {
        guard let name = T.apiSchemaName else { return T.apiSchema }
        return ["$ref": .string(referencePrefix + name)]
    }

    /// `schema` with a `description` when one is given.
    private static func described(_ schema: JSONValue, _ description: String?) -> JSONValue {
        guard let description, case .object(var members) = schema else { return schema }
        members["description"] = .string(description)
        return .object(members)
    }
}
