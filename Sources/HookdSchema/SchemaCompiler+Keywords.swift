import HookdCore

/// The keywords hookd understands, and how each one's value is read and compiled.
extension SchemaCompiler {
    /// Keywords that only annotate; their values are checked for shape and otherwise ignored.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly",
        "writeOnly", "contentMediaType", "contentEncoding",
    ]

    /// Keywords that assert or apply subschemas.
    static let assertions: Set<String> = [
        "$ref", "$defs", "definitions", "type", "enum", "const", "properties", "required", "additionalProperties",
        "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items",
        "prefixItems", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems", "minLength",
        "maxLength", "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]

    /// Known JSON Schema keywords hookd does not support, with what to do instead.
    static let unsupported: [String: String] = [
        "$anchor": "point at subschemas with JSON pointers instead (\"#/$defs/name\")",
        "$dynamicRef": "use $ref", "$dynamicAnchor": "use $ref", "$recursiveRef": "use $ref",
        "$recursiveAnchor": "use $ref", "$vocabulary": "hookd uses its fixed keyword set",
        "unevaluatedProperties": "use additionalProperties", "unevaluatedItems": "use items",
        "dependentSchemas": "use dependentRequired, or if/then", "dependencies": "use dependentRequired (draft 2020-12)",
        "additionalItems": "draft 2020-12 uses prefixItems with items", "contentSchema": "it is an annotation hookd does not check",
    ]

    /// Compiles one schema object's keywords, in the order they will be checked.
    mutating func keywords(_ reader: SchemaKeywordReader, node: Int) throws(JSONSchemaError) -> [SchemaKeyword] {
        try rejectUnknownKeywords(reader)
        try checkAnnotations(reader)
        var keywords: [SchemaKeyword] = []
        if let reference = try reader.string("$ref") {
            deferReference(reference, node: node, keywordIndex: keywords.count, path: reader.path("$ref"))
            keywords.append(.reference(-1))
        }
        for container in ["$defs", "definitions"] {
            for (name, schema) in try reader.object(container)?.sorted(by: { $0.key < $1.key }) ?? [] {
                _ = try compile(schema, at: JSONPointer.appending(name, to: reader.path(container)))
            }
        }
        keywords += try genericKeywords(reader)
        keywords += try numberKeywords(reader)
        keywords += try stringKeywords(reader)
        keywords += try objectKeywords(reader)
        keywords += try arrayKeywords(reader)
        keywords += try combinators(reader)
        return keywords
    }

    private func rejectUnknownKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) {
        for keyword in reader.members.keys.sorted()
        where !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
            if let instead = Self.unsupported[keyword] {
                throw reader.error(keyword, "\"\(keyword)\" is not supported by hookd; \(instead)")
            }
            let guess = KeywordSuggestion.closest(to: keyword, among: Self.assertions.union(Self.annotations))
            throw reader.error(
                keyword, "unknown keyword \"\(keyword)\"" + (guess.map { " (did you mean \"\($0)\"?)" } ?? ""))
        }
    }

    private func checkAnnotations(_ reader: SchemaKeywordReader) throws(JSONSchemaError) {
        for keyword in ["$schema", "$id", "$comment", "title", "description", "contentMediaType", "contentEncoding"] {
            _ = try reader.string(keyword)
        }
        for keyword in ["deprecated", "readOnly", "writeOnly"] {
            _ = try reader.bool(keyword)
        }
        _ = try reader.array("examples")
        if reader.members["$id"] != nil, !reader.location.isEmpty {
            throw reader.error("$id", "is only supported at the root; a subschema with its own $id is a separate resource")
        }
    }

    private func genericKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        if let value = reader.members["type"] {
            let names: [String]
            switch value {
            case .string(let name): names = [name]
            case .array(let items) where !items.isEmpty: names = try SchemaKeywordReader.names(items, at: reader.path("type"))
            default: throw reader.error("type", "must be a type name or a non-empty array of them, got \(value.typeName)")
            }
            let types = try names.map { name throws(JSONSchemaError) -> JSONType in
                guard let type = JSONType(rawValue: name) else {
                    let known = JSONType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw reader.error("type", "unknown type \"\(name)\"; the types are \(known)")
                }
                return type
            }
            keywords.append(.type(types))
        }
        if let values = try reader.array("enum") { keywords.append(.enumeration(values)) }
        if let value = reader.members["const"] { keywords.append(.constant(value)) }
        return keywords
    }

    private func numberKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        for keyword in ["exclusiveMinimum", "exclusiveMaximum"] where reader.members[keyword]?.isBoolean == true {
            throw reader.error(keyword, "must be a number in draft 2020-12 (the limit itself), not true/false")
        }
        var keywords: [SchemaKeyword] = []
        if let limit = try reader.number("minimum") { keywords.append(.minimum(limit, exclusive: false)) }
        if let limit = try reader.number("exclusiveMinimum") { keywords.append(.minimum(limit, exclusive: true)) }
        if let limit = try reader.number("maximum") { keywords.append(.maximum(limit, exclusive: false)) }
        if let limit = try reader.number("exclusiveMaximum") { keywords.append(.maximum(limit, exclusive: true)) }
        if let divisor = try reader.number("multipleOf") {
            guard divisor.isPositive else { throw reader.error("multipleOf", "must be greater than 0, got \(divisor)") }
            keywords.append(.multipleOf(divisor))
        }
        return keywords
    }

    private func stringKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        let minimum = try reader.count("minLength")
        let maximum = try reader.count("maxLength")
        if minimum != nil || maximum != nil { keywords.append(.length(minimum: minimum, maximum: maximum)) }
        if let source = try reader.string("pattern") { keywords.append(.pattern(try Self.pattern(source, reader, "pattern"))) }
        if let name = try reader.string("format") {
            guard let format = SchemaFormat(rawValue: name) else {
                let supported = SchemaFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error("format", "format \"\(name)\" is not supported; hookd checks \(supported)")
            }
            keywords.append(.format(format))
        }
        return keywords
    }

    private mutating func objectKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        if let names = try reader.names("required") { keywords.append(.required(names)) }
        var declared: [PropertySchema] = []
        for (name, schema) in try reader.object("properties")?.sorted(by: { $0.key < $1.key }) ?? [] {
            declared.append(
                PropertySchema(name: name, node: try compile(schema, at: JSONPointer.appending(name, to: reader.path("properties")))))
        }
        if !declared.isEmpty { keywords.append(.properties(declared)) }
        var patterns: [PatternSchema] = []
        for (source, schema) in try reader.object("patternProperties")?.sorted(by: { $0.key < $1.key }) ?? [] {
            let location = JSONPointer.appending(source, to: reader.path("patternProperties"))
            let pattern = try Self.pattern(source, reader, "patternProperties", at: location)
            patterns.append(PatternSchema(pattern: pattern, node: try compile(schema, at: location)))
        }
        if !patterns.isEmpty { keywords.append(.patternProperties(patterns)) }
        if let schema = reader.members["additionalProperties"] {
            let node = try compile(schema, at: reader.path("additionalProperties"))
            keywords.append(
                .additionalProperties(node: node, declared: Set(declared.map(\.name)), patterns: patterns.map(\.pattern)))
        }
        if let schema = reader.members["propertyNames"] {
            keywords.append(.propertyNames(node: try compile(schema, at: reader.path("propertyNames"))))
        }
        let minimum = try reader.count("minProperties")
        let maximum = try reader.count("maxProperties")
        if minimum != nil || maximum != nil { keywords.append(.propertyCount(minimum: minimum, maximum: maximum)) }
        if let dependencies = try reader.object("dependentRequired") {
            var requirements: [DependentRequirement] = []
            for (property, value) in dependencies.sorted(by: { $0.key < $1.key }) {
                let path = JSONPointer.appending(property, to: reader.path("dependentRequired"))
                guard case .array(let items) = value else {
                    throw JSONSchemaError(schemaPath: path, message: "must be an array of property names, got \(value.typeName)")
                }
                requirements.append(
                    DependentRequirement(property: property, required: try SchemaKeywordReader.names(items, at: path)))
            }
            keywords.append(.dependentRequired(requirements))
        }
        return keywords
    }

    private mutating func arrayKeywords(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        let minimum = try reader.count("minItems")
        let maximum = try reader.count("maxItems")
        if minimum != nil || maximum != nil { keywords.append(.itemCount(minimum: minimum, maximum: maximum)) }
        if try reader.bool("uniqueItems") == true { keywords.append(.uniqueItems) }
        var prefixCount = 0
        if let schemas = try reader.schemas("prefixItems") {
            var nodes: [Int] = []
            for (index, schema) in schemas.enumerated() {
                nodes.append(try compile(schema, at: reader.path("prefixItems") + "/\(index)"))
            }
            prefixCount = nodes.count
            keywords.append(.prefixItems(nodes))
        }
        if let schema = reader.members["items"] {
            guard !schema.isArray else {
                throw reader.error("items", "must be a schema; for a schema per position use prefixItems (draft 2020-12)")
            }
            keywords.append(.items(node: try compile(schema, at: reader.path("items")), from: prefixCount))
        }
        let minContains = try reader.count("minContains")
        let maxContains = try reader.count("maxContains")
        if let schema = reader.members["contains"] {
            let node = try compile(schema, at: reader.path("contains"))
            keywords.append(.contains(node: node, minimum: minContains ?? 1, maximum: maxContains))
        } else if minContains != nil || maxContains != nil {
            throw reader.error(minContains != nil ? "minContains" : "maxContains", "has no effect without contains")
        }
        return keywords
    }

    private mutating func combinators(_ reader: SchemaKeywordReader) throws(JSONSchemaError) -> [SchemaKeyword] {
        var keywords: [SchemaKeyword] = []
        func compileAll(_ keyword: String, _ schemas: [JSONValue]) throws(JSONSchemaError) -> [Int] {
            var nodes: [Int] = []
            for (index, schema) in schemas.enumerated() {
                nodes.append(try compile(schema, at: reader.path(keyword) + "/\(index)"))
            }
            return nodes
        }
        if let schemas = try reader.schemas("allOf") { keywords.append(.allOf(try compileAll("allOf", schemas))) }
        if let schemas = try reader.schemas("anyOf") { keywords.append(.anyOf(try compileAll("anyOf", schemas))) }
        if let schemas = try reader.schemas("oneOf") { keywords.append(.oneOf(try compileAll("oneOf", schemas))) }
        if let schema = reader.members["not"] { keywords.append(.not(try compile(schema, at: reader.path("not")))) }
        if let condition = reader.members["if"] {
            let conditionNode = try compile(condition, at: reader.path("if"))
            let then = try reader.members["then"].map { schema throws(JSONSchemaError) in
                try compile(schema, at: reader.path("then"))
            }
            let otherwise = try reader.members["else"].map { schema throws(JSONSchemaError) in
                try compile(schema, at: reader.path("else"))
            }
            keywords.append(.conditional(condition: conditionNode, then: then, otherwise: otherwise))
        } else if let lonely = ["then", "else"].first(where: { reader.members[$0] != nil }) {
            throw reader.error(lonely, "has no effect without if")
        }
        return keywords
    }

    /// Compiles a regular expression, or fails at `location` (the keyword's path by default).
    private static func pattern(
        _ source: String, _ reader: SchemaKeywordReader, _ keyword: String, at location: String? = nil
    ) throws(JSONSchemaError) -> SchemaPattern {
        switch SchemaPattern.compile(source) {
        case .success(let pattern): return pattern
        case .failure:
            throw JSONSchemaError(
                schemaPath: location ?? reader.path(keyword), message: "\"\(source)\" is not a valid regular expression")
        }
    }
}

extension JSONValue {
    fileprivate var isBoolean: Bool { if case .bool = self { true } else { false } }
    fileprivate var isArray: Bool { if case .array = self { true } else { false } }
}
