import Foundation
import HookdCore

/// One compiled subschema: where it sits in the schema document and the assertions it
/// makes, in the order they are checked (so violations come out in a stable order).
struct SchemaNode: Sendable {
    /// A JSON Pointer to the subschema within the document.
    var location: String
    var keywords: [SchemaKeyword]
    /// True for the `false` schema, which nothing satisfies.
    var rejectsEverything: Bool {
        guard keywords.count == 1, case .nothing = keywords[0] else { return false }
        return true
    }
}

/// A compiled keyword. Subschemas are node indexes into ``JSONSchema/nodes``.
enum SchemaKeyword: Sendable {
    /// The `false` schema.
    case nothing
    case type([JSONType])
    case enumeration([JSONValue])
    case constant(JSONValue)

    case properties([PropertySchema])
    case required([String])
    case additionalProperties(node: Int, declared: Set<String>, patterns: [SchemaPattern])
    case patternProperties([PatternSchema])
    case propertyNames(node: Int)
    case propertyCount(minimum: Int?, maximum: Int?)
    case dependentRequired([DependentRequirement])

    case prefixItems([Int])
    /// `items`: applies to the elements after the first `from` (those `prefixItems` covers).
    case items(node: Int, from: Int)
    case contains(node: Int, minimum: Int, maximum: Int?)
    case itemCount(minimum: Int?, maximum: Int?)
    case uniqueItems

    case length(minimum: Int?, maximum: Int?)
    case pattern(SchemaPattern)
    case format(SchemaFormat)

    case minimum(JSONNumber, exclusive: Bool)
    case maximum(JSONNumber, exclusive: Bool)
    case multipleOf(JSONNumber)

    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, otherwise: Int?)
    case reference(Int)
}

/// A `properties` entry.
struct PropertySchema: Sendable {
    var name: String
    var node: Int
}

/// A `patternProperties` entry.
struct PatternSchema: Sendable {
    var pattern: SchemaPattern
    var node: Int
}

/// A `dependentRequired` entry: when `property` is present, so must `required` be.
struct DependentRequirement: Sendable {
    var property: String
    var required: [String]
}

/// The names `type` accepts.
enum JSONType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, integer, string

    /// True when `value` is of this type; `integer` takes any number without a fraction.
    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.null, .null), (.boolean, .bool), (.object, .object), (.array, .array), (.string, .string): true
        case (.number, .int), (.number, .double): true
        case (.integer, _): JSONNumber(value)?.isInteger ?? false
        default: false
        }
    }

    /// The type with its article, for messages: `an integer`, `a string`, `null`.
    var phrase: String {
        switch self {
        case .null: "null"
        case .integer, .object, .array: "an \(rawValue)"
        default: "a \(rawValue)"
        }
    }
}

/// A compiled `pattern`, kept with its source for messages. Matching is unanchored, as
/// JSON Schema requires: `^` and `$` anchor only when the pattern says so.
struct SchemaPattern: Sendable {
    var source: String
    private var expression: NSRegularExpression

    /// Compiles `source`; `nil` with the reason when it is not a regular expression.
    static func compile(_ source: String) -> Result<SchemaPattern, any Error> {
        Result { SchemaPattern(source: source, expression: try NSRegularExpression(pattern: source)) }
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
