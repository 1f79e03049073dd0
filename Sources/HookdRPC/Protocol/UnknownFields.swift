import HookdCore

/// Finds params members that the decoded params type has no property for.
///
/// `JSONDecoder` silently ignores unknown keys, but the API promises to reject them (a typo
/// such as `enabeld` must not pass as "not given"). Rather than asking every params type
/// to list its keys, this compares the JSON with the decoded value's stored properties via
/// `Mirror`. It relies on the hookd convention that params properties are named exactly
/// like their JSON keys (no custom `CodingKeys`).
///
/// It recurses into nested structs, optionals and arrays of structs; dictionaries, enums
/// (including `JSONValue`) and scalars are opaque and accept whatever decoded into them.
enum UnknownFields {
    /// One `unknown field` violation per extra member, in a stable (sorted) order.
    static func violations(in decoded: Any, given json: JSONValue) -> [Violation] {
        var violations: [Violation] = []
        check(decoded, against: json, at: "", into: &violations)
        return violations
    }

    private static func check(
        _ value: Any, against json: JSONValue, at path: String, into violations: inout [Violation]
    ) {
        guard let value = unwrapped(value) else { return }
        let mirror = Mirror(reflecting: value)
        switch (mirror.displayStyle, json) {
        case (.struct?, .object(let members)), (.class?, .object(let members)):
            let properties = storedProperties(of: mirror)
            for key in members.keys.sorted() {
                let field = path.isEmpty ? key : "\(path).\(key)"
                if let property = properties[key] {
                    check(property, against: members[key]!, at: field, into: &violations)
                } else {
                    violations.append(Violation(field: field, description: "unknown field"))
                }
            }
        case (.collection?, .array(let elements)):
            for (index, (element, member)) in zip(mirror.children.map(\.value), elements).enumerated() {
                check(element, against: member, at: "\(path)[\(index)]", into: &violations)
            }
        default:
            return
        }
    }

    /// Stored properties by name; a property wrapper's `_name` storage answers to `name`.
    private static func storedProperties(of mirror: Mirror) -> [String: Any] {
        var properties: [String: Any] = [:]
        for child in mirror.children {
            guard let label = child.label else { continue }
            properties[label] = child.value
            let unwrappedName = String(label.dropFirst())
            if label.hasPrefix("_"), properties[unwrappedName] == nil {
                properties[unwrappedName] = child.value
            }
        }
        return properties
    }

    /// The wrapped value of an optional (recursively), `nil` for `.none`, the value itself
    /// otherwise.
    private static func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        guard let wrapped = mirror.children.first?.value else { return nil }
        return unwrapped(wrapped)
    }
}
