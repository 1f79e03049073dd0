/// The rules on an event type's schema and example, shared by `EventTypes.Create` and
/// manifests.
public enum EventTypeRules {
    /// Every problem with `schema` and `example`, each naming its field (`schema`,
    /// `example`, `example/amount`).
    public static func problems(schema: JSONValue?, example: JSONValue?) -> [Violation] {
        var problems: [Violation] = []
        if let schema, schema.objectValue == nil, schema != .bool(true), schema != .bool(false) {
            problems.append(Violation(field: "schema", description: "must be a JSON Schema object, got \(schema.typeName)"))
        }
        if let example, example.objectValue == nil {
            problems.append(Violation(field: "example", description: "must be a JSON object (an event's data), got \(example.typeName)"))
        }
        return problems
    }
}
