import HookdCore

extension JSONValue {
    /// Adds optional `properties` to an object schema made by ``APISchema/object(_:required:optional:)``.
    mutating func addProperties(_ more: KeyValuePairs<String, JSONValue>) {
        guard case .object(var schema) = self, case .object(var properties)? = schema["properties"] else { return }
        for (name, property) in more { properties[name] = property }
        schema["properties"] = .object(properties)
        self = .object(schema)
    }
}
