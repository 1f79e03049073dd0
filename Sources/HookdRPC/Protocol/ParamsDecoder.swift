import Foundation
import HookdCore

/// Turns a request's by-name params into a method's params type, strictly: wrong types,
/// missing fields and fields the type does not have are all reported as violations.
enum ParamsDecoder {
    /// Decodes `Params` from `members`, then rejects any member the decoded value has no
    /// property for (see ``UnknownFields``).
    static func decode<Params: Decodable>(
        _ type: Params.Type, from members: [String: JSONValue]
    ) throws(InvalidParams) -> Params {
        let object = JSONValue.object(members)
        if let readable = Params.self as? any JSONValueReadable.Type,
            let params = (try? readable.init(json: object)) as? Params
        {
            // Read straight from the parsed request, as the decoder would (large manifest
            // applies); anything it cannot read goes through the decoder for its violations.
            // A closed reader has refused unknown members already.
            if Params.self is any ClosedJSONValueReadable.Type { return params }
            let unknown = UnknownFields.violations(in: params, given: object)
            guard unknown.isEmpty else { throw InvalidParams(unknown) }
            return params
        }
        let params: Params
        do {
            var writer = CanonicalJSONWriter()
            try writer.write(object)
            params = try JSONCoding.decoder.decode(Params.self, from: writer.data)
        } catch let error as DecodingError {
            throw InvalidParams([violation(for: error, in: object)])
        } catch {
            throw InvalidParams(field: "params", "cannot be read: \(error)")
        }
        let unknown = UnknownFields.violations(in: params, given: object)
        guard unknown.isEmpty else { throw InvalidParams(unknown) }
        return params
    }

    /// Describes a decoding failure in the caller's terms: the field path and what was
    /// expected, with what was found.
    static func violation(for error: DecodingError, in params: JSONValue) -> Violation {
        switch error {
        case .keyNotFound(let key, let context):
            return Violation(field: path(context.codingPath + [key]), description: "missing")
        case .typeMismatch(let expected, let context):
            let found = params.value(at: context.codingPath)?.typeName ?? "nothing"
            return Violation(
                field: path(context.codingPath), description: "expected \(jsonTypeName(expected)), got \(found)")
        case .valueNotFound(let expected, let context):
            return Violation(
                field: path(context.codingPath), description: "expected \(jsonTypeName(expected)), got null")
        case .dataCorrupted(let context):
            return Violation(field: path(context.codingPath), description: context.debugDescription)
        @unknown default:
            return Violation(field: "params", description: "\(error)")
        }
    }

    /// `events[1].type`: the notation hookd uses for field paths everywhere.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "params" : text
    }

    /// The JSON name of the type a decoder wanted.
    private static func jsonTypeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Character.Type: "string"
        case is Bool.Type: "boolean"
        case is any BinaryInteger.Type: "integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: "number"
        case is [Any].Type: "array"
        case is [String: Any].Type: "object"
        default: "\(type)"
        }
    }
}

extension JSONValue {
    /// The value at a decoder's coding path, to say what was found where something else was
    /// expected.
    fileprivate func value(at codingPath: [any CodingKey]) -> JSONValue? {
        var current: JSONValue? = self
        for key in codingPath {
            switch current {
            case .object(let members)?: current = members[key.stringValue]
            case .array(let elements)?:
                guard let index = key.intValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default: return nil
            }
        }
        return current
    }
}
