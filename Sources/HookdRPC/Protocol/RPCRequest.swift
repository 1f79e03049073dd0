import HookdCore

/// A structurally valid JSON-RPC 2.0 request, taken apart from its JSON.
struct RPCRequest: Sendable {
    /// How the request passed its params.
    enum Params: Sendable {
        /// Absent or `null`: handlers see `{}`, so methods whose params are all optional work.
        case none
        /// By name, the only form hookd methods accept.
        case byName([String: JSONValue])
        /// By position; well-formed JSON-RPC, but every hookd method wants names.
        case byPosition
    }

    /// Why a JSON value is not a request, with the id to answer under (`null` when the id
    /// itself could not be read).
    struct Invalid: Error {
        var id: JSONValue
        var error: RPCErrorObject
    }

    /// The id to echo back, or `nil` for a notification (no `id` member), which gets no answer.
    var id: JSONValue?
    var method: String
    var params: Params

    /// Validates one request object of a frame or batch.
    init(_ value: JSONValue) throws(Invalid) {
        guard case .object(let members) = value else {
            throw Invalid(id: .null, error: .invalidRequest("expected a request object, got \(value.typeName)"))
        }
        let id = members["id"]
        switch id {
        case nil, .null?, .string?, .int?, .double?:
            break
        case let other?:
            throw Invalid(
                id: .null, error: .invalidRequest("id must be a string, number or null, got \(other.typeName)"))
        }
        // Invalid requests are answered even without an id: the caller cannot have meant a
        // notification it did not know how to write.
        let answerID = id ?? .null
        guard members["jsonrpc"] == .string("2.0") else {
            throw Invalid(id: answerID, error: .invalidRequest(#"jsonrpc must be "2.0""#))
        }
        guard case .string(let method)? = members["method"] else {
            throw Invalid(id: answerID, error: .invalidRequest("method must be a string"))
        }
        switch members["params"] {
        case nil, .null?:
            params = .none
        case .object(let named)?:
            params = .byName(named)
        case .array?:
            params = .byPosition
        case let other?:
            throw Invalid(id: answerID, error: .invalidRequest("params must be an object, got \(other.typeName)"))
        }
        self.id = id
        self.method = method
    }
}
