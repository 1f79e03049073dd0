import HookdCore

/// How an event type's JSON Schema governs its example and every published event's `data`.
extension EventType {
    /// Most schema violations reported for one value: enough to fix a payload, bounded so a
    /// payload failing everywhere cannot make a huge error.
    public static let maximumReportedViolations = 50

    /// The problems with a schema and example given for an event type: the schema must
    /// compile (reported on `schema`, the message naming the place in the schema), and an
    /// example object must match it (reported as `example/amount`, ...).
    public static func schemaProblems(schema: JSONValue?, example: JSONValue?) -> [Violation] {
        guard let schema else { return [] }
        let compiled: JSONSchema
        do {
            compiled = try JSONSchema(schema)
        } catch {
            return [Violation(field: "schema", description: "is not a schema hookd can use: \(error.description)")]
        }
        guard let example, example.objectValue != nil else { return [] }
        return dataViolations(example, schema: compiled, field: "example")
    }

    /// Every way `data` fails `schema`, each as a violation of `field` extended by the
    /// instance path (`data/amount`, `events[2].data/items/0/sku`); at most
    /// ``maximumReportedViolations``, then one saying more were left out.
    public static func dataViolations(_ data: JSONValue, schema: JSONSchema, field: String) -> [Violation] {
        let found = schema.validate(data, maximumViolations: maximumReportedViolations + 1)
        var violations = found.prefix(maximumReportedViolations).map {
            Violation(field: field + $0.instancePath, description: $0.message)
        }
        if found.count > maximumReportedViolations {
            violations.append(
                Violation(
                    field: field,
                    description: "has more schema violations; only the first \(maximumReportedViolations) are listed"))
        }
        return violations
    }
}
