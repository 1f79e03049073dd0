import Foundation
import HookdCore
import HookdSchema

/// The schemas of an OpenRPC document as hookd's own JSON Schema engine reads them: a
/// method's result or params schema with the document's `components/schemas` as `$defs`,
/// so every `$ref` resolves inside one schema.
public struct ContractSchemas: Sendable {
    /// The document's named schemas.
    private let definitions: JSONValue
    /// Each method's result schema, by method name.
    private let results: [String: JSONValue]

    /// Reads `document` (what `rpc.discover` answers).
    public init(_ document: JSONValue) throws(ContractSchemaError) {
        guard let schemas = document["components"]?["schemas"] else { throw ContractSchemaError("no components/schemas") }
        definitions = Self.rewritingReferences(schemas)
        guard case .array(let methods)? = document["methods"] else { throw ContractSchemaError("no methods") }
        var results: [String: JSONValue] = [:]
        for method in methods {
            guard let name = method["name"]?.stringValue, let schema = method["result"]?["schema"] else {
                throw ContractSchemaError("a method without a name or a result schema")
            }
            results[name] = schema
        }
        self.results = results
    }

    /// The names of the methods the document describes.
    public var methodNames: Set<String> { Set(results.keys) }

    /// The compiled result schema of `method`.
    public func result(of method: String) throws -> JSONSchema {
        guard let schema = results[method] else { throw ContractSchemaError("\(method) is not in the document") }
        return try compile(schema)
    }

    /// `schema` (a result, params or any schema of the document) compiled with the
    /// document's named schemas beside it.
    public func compile(_ schema: JSONValue) throws -> JSONSchema {
        var root: [String: JSONValue] = ["$defs": definitions]
        switch Self.rewritingReferences(schema) {
        case .object(let members): root.merge(members) { _, new in new }
        case let other: root["allOf"] = [other]
        }
        return try JSONSchema(.object(root))
    }

    /// `value` with every `#/components/schemas/` reference pointing into `$defs` instead.
    private static func rewritingReferences(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var rewritten: [String: JSONValue] = [:]
            for (key, member) in members {
                if key == "$ref", case .string(let target) = member {
                    rewritten[key] = .string(target.replacingOccurrences(of: "#/components/schemas/", with: "#/$defs/"))
                } else {
                    rewritten[key] = rewritingReferences(member)
                }
            }
            return .object(rewritten)
        case .array(let elements):
            return .array(elements.map(rewritingReferences))
        default:
            return value
        }
    }
}
