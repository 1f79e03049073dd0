import HookdCore
import Yams

/// Turns a YAML node tree into the JSON value it denotes, with YAML 1.2 core-schema
/// scalars: plain `10` is a number, `true` a boolean, `~`/`null` null, anything quoted a
/// string. Timestamps and other YAML-only types stay strings.
enum YAMLJSON {
    /// A mapping key that is not a string (JSON objects only have string keys).
    struct NonStringKey: Error {
        var position: SourcePosition
    }

    static func value(of node: Node) throws(NonStringKey) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(of: item)) }
            return .array(items)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, item) in mapping {
                guard case .scalar(let keyScalar) = key else { throw NonStringKey(position: SourcePosition(key.mark)) }
                members[keyScalar.string] = try value(of: item)
            }
            return .object(members)
        case .alias:
            return .null
        }
    }

    /// YAML 1.2 core-schema resolution of a scalar (not YAML 1.1's: `no` and `on` stay
    /// strings). Quoted scalars and explicit `!!str` are always strings.
    private static func scalarValue(_ scalar: Node.Scalar, node: Node) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any, scalar.tag.description != Tag.Name.str.rawValue else {
            return .string(text)
        }
        return CorePlainScalar.value(of: text)
    }
}
