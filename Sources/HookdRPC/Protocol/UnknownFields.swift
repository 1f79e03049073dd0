import HookdCore
import Synchronization

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
///
/// Reflection is slow (each child read looks its field's type up by name), and a manifest
/// apply sends tens of thousands of structs: so each type's property names are read once
/// and kept, and only members that could hide an unknown field are reflected into.
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
        guard json.mayHoldUnknownFields, let value = unwrapped(value) else { return }
        let mirror = Mirror(reflecting: value)
        switch (mirror.displayStyle, json) {
        case (.struct?, .object(let members)), (.class?, .object(let members)):
            let properties =
                value is any CustomReflectable ? labels(in: mirror) : propertyLabels(of: type(of: value), mirror)
            for key in members.keys.sorted() {
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let label = properties[key] else {
                    violations.append(Violation(field: field, description: "unknown field"))
                    continue
                }
                let member = members[key]!
                guard member.mayHoldUnknownFields, let property = mirror.children.first(where: { $0.label == label })
                else { continue }
                check(property.value, against: member, at: field, into: &violations)
            }
        case (.collection?, .array(let elements)):
            for (index, (element, member)) in zip(mirror.children.map(\.value), elements).enumerated() {
                check(element, against: member, at: "\(path)[\(index)]", into: &violations)
            }
        default:
            return
        }
    }

    /// The property labels of each struct or class type met so far (`labels(in:)`), read
    /// once per type; types with a custom mirror are read every time.
    private static let knownTypes = Mutex<[ObjectIdentifier: [String: String]]>([:])

    /// `labels(in: mirror)` for `type`, from `knownTypes` after the first time.
    private static func propertyLabels(of type: Any.Type, _ mirror: Mirror) -> [String: String] {
        let identifier = ObjectIdentifier(type)
        if let known = knownTypes.withLock({ $0[identifier] }) { return known }
        let labels = labels(in: mirror)
        knownTypes.withLock { $0[identifier] = labels }
        return labels
    }

    /// The label of the stored property each JSON key names; a property wrapper's `_name`
    /// storage answers to `name`.
    private static func labels(in mirror: Mirror) -> [String: String] {
        var labels: [String: String] = [:]
        for child in mirror.children {
            guard let label = child.label else { continue }
            labels[label] = label
            let unwrappedName = String(label.dropFirst())
            if label.hasPrefix("_"), labels[unwrappedName] == nil {
                labels[unwrappedName] = label
            }
        }
        return labels
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

extension JSONValue {
    /// Whether checking a value against this JSON could find an unknown field: only a
    /// non-empty object has members, and only an array holding one can hide one.
    fileprivate var mayHoldUnknownFields: Bool {
        switch self {
        case .object(let members): !members.isEmpty
        case .array(let elements): elements.contains { $0.mayHoldUnknownFields }
        default: false
        }
    }
}
