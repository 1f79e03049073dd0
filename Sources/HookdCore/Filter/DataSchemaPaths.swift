import Foundation

/// Whether a path inside an event's `data` can hold a value at all under the event type's
/// JSON Schema: the check behind "a filter path the schema cannot hold is an error".
///
/// It answers `false` only when the schema certainly rules the path out (a closed object
/// without that property, a scalar where the path goes deeper, a `false` schema); anything
/// it cannot decide (`patternProperties`, `if`/`then`, a `$ref` it cannot follow) counts as
/// possible, so a valid filter is never refused.
enum DataSchemaPaths {
    static func canHold(_ segments: [String], schema: JSONValue) -> Bool {
        canHold(segments[...], in: schema, root: schema, depth: 0)
    }

    private static func canHold(_ segments: ArraySlice<String>, in schema: JSONValue, root: JSONValue, depth: Int) -> Bool {
        guard depth < 64 else { return true }
        switch schema {
        case .bool(let allowed): return allowed
        case .object: break
        default: return true
        }
        if case .string(let reference)? = schema["$ref"], reference.hasPrefix("#"),
            let tokens = JSONPointer.tokens(String(reference.dropFirst()))
        {
            var target: JSONValue? = root
            for token in tokens { target = target.flatMap { step($0, token) } }
            if let target, !canHold(segments, in: target, root: root, depth: depth + 1) { return false }
        }
        if case .array(let branches)? = schema["allOf"],
            branches.contains(where: { !canHold(segments, in: $0, root: root, depth: depth + 1) })
        {
            return false
        }
        for keyword in ["anyOf", "oneOf"] {
            if case .array(let branches)? = schema[keyword],
                !branches.contains(where: { canHold(segments, in: $0, root: root, depth: depth + 1) })
            {
                return false
            }
        }
        guard let segment = segments.first else { return true }
        let rest = segments.dropFirst()
        let types = declaredTypes(schema)
        let index = Int(segment)
        let asObject = types.map { $0.contains("object") } ?? true
        let asArray = (types.map { $0.contains("array") } ?? true) && index != nil
        guard asObject || asArray else { return false }
        var possible = false
        if asObject {
            if let property = schema["properties"]?[segment] {
                possible = canHold(rest, in: property, root: root, depth: depth + 1)
            } else if schema["patternProperties"] != nil {
                possible = true
            } else if let additional = schema["additionalProperties"] {
                possible = canHold(rest, in: additional, root: root, depth: depth + 1)
            } else {
                possible = true
            }
        }
        if !possible && asArray, let index {
            if case .array(let prefix)? = schema["prefixItems"], prefix.indices.contains(index) {
                possible = canHold(rest, in: prefix[index], root: root, depth: depth + 1)
            } else if let items = schema["items"] {
                possible = canHold(rest, in: items, root: root, depth: depth + 1)
            } else {
                possible = true
            }
        }
        return possible
    }

    /// The types the schema's `type` allows; `nil` when it names none.
    private static func declaredTypes(_ schema: JSONValue) -> Set<String>? {
        switch schema["type"] {
        case .string(let type)?: [type]
        case .array(let types)?: Set(types.compactMap(\.stringValue))
        default: nil
        }
    }

    private static func step(_ value: JSONValue, _ token: String) -> JSONValue? {
        switch value {
        case .object(let members): members[token]
        case .array(let items): Int(token).flatMap { items.indices.contains($0) ? items[$0] : nil }
        default: nil
        }
    }
}
