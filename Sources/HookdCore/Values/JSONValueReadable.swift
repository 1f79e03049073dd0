/// A value that can be built from an already parsed `JSONValue`, giving the same value
/// that its `Decodable` conformance gives through `JSONCoding.decoder`, or throwing where
/// that would throw (then the caller decodes, for the decoder's own error).
public protocol JSONValueReadable: Decodable {
    /// The value `json` decodes to; throws where decoding would fail.
    init(json: JSONValue) throws(JSONShapeError)
}

/// JSON that does not have the shape a `JSONValueReadable` type reads.
public struct JSONShapeError: Error, Sendable {
    /// The error; it carries nothing, since the decoder is asked for the real one.
    public init() {}
}

extension JSONValue {
    /// The members of an object.
    public func members() throws(JSONShapeError) -> [String: JSONValue] {
        guard case .object(let members) = self else { throw JSONShapeError() }
        return members
    }

    /// A required string.
    public func string() throws(JSONShapeError) -> String {
        guard case .string(let text) = self else { throw JSONShapeError() }
        return text
    }

    /// A required boolean.
    public func bool() throws(JSONShapeError) -> Bool {
        guard case .bool(let flag) = self else { throw JSONShapeError() }
        return flag
    }

    /// A required integer.
    public func int64() throws(JSONShapeError) -> Int64 {
        guard case .int(let number) = self else { throw JSONShapeError() }
        return number
    }

    /// A required integer that fits `Int`.
    public func int() throws(JSONShapeError) -> Int {
        guard let number = Int(exactly: try int64()) else { throw JSONShapeError() }
        return number
    }

    /// A required map of strings.
    public func stringMap() throws(JSONShapeError) -> [String: String] {
        var map: [String: String] = [:]
        for (key, value) in try members() { map[key] = try value.string() }
        return map
    }

    /// A required list of strings.
    public func strings() throws(JSONShapeError) -> [String] {
        guard case .array(let items) = self else { throw JSONShapeError() }
        return try items.map { item throws(JSONShapeError) in try item.string() }
    }

    /// A required list of `JSONValueReadable` values.
    public func list<Element: JSONValueReadable>(of _: Element.Type) throws(JSONShapeError) -> [Element] {
        guard case .array(let items) = self else { throw JSONShapeError() }
        return try items.map { item throws(JSONShapeError) in try Element(json: item) }
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A required member (absent or `null` is an error, as for a non-optional property).
    public func required(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let value = self[key], value != .null else { throw JSONShapeError() }
        return value
    }

    /// An optional member: absent and `null` are both `nil`, as `decodeIfPresent` reads them.
    public func optional(_ key: String) -> JSONValue? {
        guard let value = self[key], value != .null else { return nil }
        return value
    }
}
