import HookdCore

/// The rules on an event type's description, schema and example, shared by
/// `EventTypes.Create`, `EventTypes.Update` and manifests.
public enum EventTypeRules {
    /// Every problem with `schema` and `example`, each naming its field (`schema`,
    /// `example`, `example/amount`): the schema must be one hookd can compile, and the
    /// example an object that matches it.
    public static func problems(description: String? = nil, schema: JSONValue?, example: JSONValue?) -> [Violation] {
        var problems: [Violation] = []
        if let description, let problem = DescriptionText.problem(description) {
            problems.append(Violation(field: "description", description: problem))
        }
        let schemaIsShaped = schema.map { $0.objectValue != nil || $0 == .bool(true) || $0 == .bool(false) } ?? true
        if let schema, !schemaIsShaped {
            problems.append(Violation(field: "schema", description: "must be a JSON Schema object, got \(schema.typeName)"))
        }
        if let example, example.objectValue == nil {
            problems.append(Violation(field: "example", description: "must be a JSON object (an event's data), got \(example.typeName)"))
        }
        if schemaIsShaped {
            problems += EventType.schemaProblems(schema: schema, example: example)
        }
        return problems
    }
}
