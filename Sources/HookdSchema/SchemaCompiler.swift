import Foundation
import HookdCore

/// Turns a schema document into ``SchemaNode``s, checking every keyword on the way, then
/// links `$ref`s and refuses reference loops that would never end.
struct SchemaCompiler {
    let document: JSONValue
    private(set) var nodes: [SchemaNode] = []
    /// Which node compiled the subschema at each location, for resolving `$ref`.
    private var nodeAtLocation: [String: Int] = [:]
    private var references: [PendingReference] = []
    /// The root's `$id` without a trailing `#`, so `"<id>#/$defs/x"` counts as local.
    private var rootIdentifier: String?

    /// A `$ref` waiting for every subschema to be compiled before it is linked.
    private struct PendingReference {
        var node: Int
        var keywordIndex: Int
        var reference: String
        /// The path of the `$ref` keyword itself.
        var path: String
    }

    init(document: JSONValue) {
        self.document = document
    }

    /// Compiles the whole document; returns the nodes and the root's index.
    mutating func compileDocument() throws(JSONSchemaError) -> (nodes: [SchemaNode], root: Int) {
        if case .object(let members) = document, case .string(let identifier)? = members["$id"] {
            rootIdentifier = identifier.hasSuffix("#") ? String(identifier.dropLast()) : identifier
        }
        let root = try compile(document, at: "")
        for reference in references {
            let target = try resolve(reference)
            nodes[reference.node].keywords[reference.keywordIndex] = .reference(target)
        }
        try ReferenceLoops(nodes: nodes).check()
        return (nodes, root)
    }

    /// Compiles the subschema `schema` found at `location`; returns its node index.
    mutating func compile(_ schema: JSONValue, at location: String) throws(JSONSchemaError) -> Int {
        let index = nodes.count
        nodes.append(SchemaNode(location: location, keywords: []))
        nodeAtLocation[location] = index
        switch schema {
        case .bool(true):
            break
        case .bool(false):
            nodes[index].keywords = [.nothing]
        case .object(let members):
            let compiled = try keywords(SchemaKeywordReader(members: members, location: location), node: index)
            nodes[index].keywords = compiled
        default:
            throw JSONSchemaError(
                schemaPath: location, message: "must be a schema (an object or true/false), got \(schema.typeName)")
        }
        return index
    }

    /// Records a `$ref` of `node` whose keyword will sit at `keywordIndex`.
    mutating func deferReference(_ reference: String, node: Int, keywordIndex: Int, path: String) {
        references.append(PendingReference(node: node, keywordIndex: keywordIndex, reference: reference, path: path))
    }

    /// The node a `$ref` names; only pointers into this document are supported.
    private func resolve(_ pending: PendingReference) throws(JSONSchemaError) -> Int {
        let reference = pending.reference
        func failure(_ message: String) -> JSONSchemaError { JSONSchemaError(schemaPath: pending.path, message: message) }
        let hash = reference.firstIndex(of: "#") ?? reference.endIndex
        let base = String(reference[..<hash])
        guard base.isEmpty || base == rootIdentifier else {
            throw failure(
                "only references inside this schema are supported (\"#\" or \"#/$defs/name\"), got \"\(reference)\"")
        }
        let fragment = hash == reference.endIndex ? "" : String(reference[reference.index(after: hash)...])
        guard let decoded = fragment.removingPercentEncoding else {
            throw failure("\"\(reference)\" has a malformed percent escape")
        }
        guard decoded.isEmpty || decoded.hasPrefix("/") else {
            throw failure("anchors (\"#\(decoded)\") are not supported; point at the subschema, e.g. \"#/$defs/\(decoded)\"")
        }
        guard let tokens = JSONPointer.tokens(decoded) else {
            throw failure("\"\(reference)\" is not a JSON pointer: \"~\" must be followed by 0 or 1")
        }
        let location = JSONPointer.make(tokens)
        if let node = nodeAtLocation[location] { return node }
        if Self.value(at: tokens, in: document) != nil {
            throw failure("\"\(reference)\" points at a value that is not a subschema")
        }
        throw failure("\"\(reference)\" points at nothing in this schema")
    }

    private static func value(at tokens: [String], in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let member = members[token] else { return nil }
                current = member
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// Finds `$ref` loops that come back to a subschema without moving into the instance
/// (through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`): validating
/// with one would never end, so such a schema is refused.
private struct ReferenceLoops {
    let nodes: [SchemaNode]

    private enum Mark { case unvisited, onPath, done }

    func check() throws(JSONSchemaError) {
        var marks = [Mark](repeating: .unvisited, count: nodes.count)
        var path: [Int] = []
        for start in nodes.indices where marks[start] == .unvisited {
            try visit(start, &marks, &path)
        }
    }

    private func visit(_ node: Int, _ marks: inout [Mark], _ path: inout [Int]) throws(JSONSchemaError) {
        marks[node] = .onPath
        path.append(node)
        for next in inPlaceTargets(of: node) {
            switch marks[next] {
            case .onPath: throw loopError(path[path.lastIndex(of: next)!...] + [next])
            case .unvisited: try visit(next, &marks, &path)
            case .done: break
            }
        }
        path.removeLast()
        marks[node] = .done
    }

    /// The subschemas `node` applies to the same instance location.
    private func inPlaceTargets(of node: Int) -> [Int] {
        nodes[node].keywords.flatMap { keyword -> [Int] in
            switch keyword {
            case .reference(let target), .not(let target): [target]
            case .allOf(let targets), .anyOf(let targets), .oneOf(let targets): targets
            case .conditional(let condition, let then, let otherwise): [condition] + [then, otherwise].compactMap { $0 }
            default: []
            }
        }
    }

    private func loopError(_ cycle: [Int]) -> JSONSchemaError {
        // Subschemas nest as a tree, so a loop always goes through at least one `$ref`.
        let referring = zip(cycle, cycle.dropFirst()).first { from, to in
            nodes[from].keywords.contains { if case .reference(to) = $0 { true } else { false } }
        }?.0 ?? cycle[0]
        let route = cycle.map { "#" + nodes[$0].location }.joined(separator: " → ")
        return JSONSchemaError(
            schemaPath: JSONPointer.appending("$ref", to: nodes[referring].location),
            message: "$ref loops back without moving into the data (\(route)), so validation would never end")
    }
}
