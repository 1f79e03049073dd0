/// An error answer from the daemon: the JSON-RPC `error` member of a response.
public struct RPCRemoteError: Error, CustomStringConvertible, Equatable {
    /// The JSON-RPC code: -32700...-32600 for protocol errors, `-32000 - grpcCode` for
    /// application errors.
    public var code: Int
    /// The daemon's message, meant for people.
    public var message: String
    /// Status, reason and violations; hookd always sends it.
    public var data: RPCErrorData?

    /// An error answer.
    public init(code: Int, message: String, data: RPCErrorData? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The daemon's message.
    public var description: String { message }
}
