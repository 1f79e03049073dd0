import HookdCore

/// Reads one schema object's keyword values, refusing any of the wrong shape with the
/// keyword's schema path, so every malformed value is reported where it is.
struct SchemaKeywordReader {
    /// The schema object's members.
    let members: [String: JSONValue]
    /// A JSON Pointer to the schema object.
    let location: String

    /// The path of `keyword` in this schema object.
    func path(_ keyword: String) -> String { JSONPointer.appending(keyword, to: location) }

    /// An error at `keyword`.
    func error(_ keyword: String, _ message: String) -> JSONSchemaError {
        JSONSchemaError(schemaPath: path(keyword), message: message)
    }

    func string(_ keyword: String) throws(JSONSchemaError) -> String? {
        guard let value = members[keyword] else { return nil }
        guard case .string(let text) = value else { throw error(keyword, "must be a string, got \(value.typeName)") }
        return text
    }

    func bool(_ keyword: String) throws(JSONSchemaError) -> Bool? {
        guard let value = members[keyword] else { return nil }
        guard case .bool(let flag) = value else { throw error(keyword, "must be true or false, got \(value.typeName)") }
        return flag
    }

    func number(_ keyword: String) throws(JSONSchemaError) -> JSONNumber? {
        guard let value = members[keyword] else { return nil }
        guard let number = JSONNumber(value) else { throw error(keyword, "must be a number, got \(value.typeName)") }
        return number
    }

    /// A count such as `minLength`: a whole number, zero or more (`2.0` counts as `2`).
    func count(_ keyword: String) throws(JSONSchemaError) -> Int? {
        guard let value = members[keyword] else { return nil }
        guard let number = JSONNumber(value), let whole = number.wholeValue, whole >= 0 else {
            throw error(keyword, "must be a whole number, 0 or more, got \(Self.shown(value))")
        }
        return whole
    }

    func array(_ keyword: String) throws(JSONSchemaError) -> [JSONValue]? {
        guard let value = members[keyword] else { return nil }
        guard case .array(let items) = value else { throw error(keyword, "must be an array, got \(value.typeName)") }
        return items
    }

    func object(_ keyword: String) throws(JSONSchemaError) -> [String: JSONValue]? {
        guard let value = members[keyword] else { return nil }
        guard case .object(let members) = value else { throw error(keyword, "must be an object, got \(value.typeName)") }
        return members
    }

    /// A list of property names such as `required`: strings, each once.
    func names(_ keyword: String) throws(JSONSchemaError) -> [String]? {
        guard let items = try array(keyword) else { return nil }
        return try Self.names(items, at: path(keyword))
    }

    /// `items` as distinct strings, or an error at `path`.
    static func names(_ items: [JSONValue], at path: String) throws(JSONSchemaError) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let name) = item else {
                throw JSONSchemaError(schemaPath: path + "/\(index)", message: "must be a string, got \(item.typeName)")
            }
            guard seen.insert(name).inserted else {
                throw JSONSchemaError(schemaPath: path + "/\(index)", message: "\"\(name)\" is listed twice")
            }
            names.append(name)
        }
        return names
    }

    /// A non-empty array of schemas such as `allOf`.
    func schemas(_ keyword: String) throws(JSONSchemaError) -> [JSONValue]? {
        guard let items = try array(keyword) else { return nil }
        guard !items.isEmpty else { throw error(keyword, "must hold at least one schema") }
        return items
    }

    /// A short rendering of a keyword's value for messages.
    static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text.prefix(40))\""
        case .int, .double: JSONNumber(value)!.description
        case .bool(let flag): String(flag)
        default: value.typeName
        }
    }
}
