import HookdCore

/// A request as the client sends it.
struct RPCRequestEnvelope<Params: Encodable>: Encodable {
    let jsonrpc = "2.0"
    var method: String
    var params: Params
    var id: Int
}

/// A response as the client reads it: the decoded `result`, or the `error` as a thrown value.
struct RPCResponseEnvelope<Value: Decodable>: Decodable {
    var result: Result<Value, RPCRemoteError>

    private enum CodingKeys: String, CodingKey {
        case result, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let error = try container.decodeIfPresent(RPCErrorObject.self, forKey: .error) {
            result = .failure(RPCRemoteError(code: error.code, message: error.message, data: error.data))
        } else if container.contains(.result) {
            result = .success(try container.decode(Value.self, forKey: .result))
        } else {
            throw DecodingError.keyNotFound(
                CodingKeys.result,
                DecodingError.Context(codingPath: [], debugDescription: "neither result nor error in the response"))
        }
    }
}

/// Just the `id` of a response, to route it to the call waiting for it, and its `error`, for
/// an error the daemon could not address to any call (`id` null).
struct RPCResponseID: Decodable {
    var id: JSONValue?
    var error: RPCErrorObject?
}
