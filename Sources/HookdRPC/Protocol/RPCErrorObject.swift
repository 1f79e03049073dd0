import HookdCore

/// A JSON-RPC `error` member as the server sends it, with the constructors for every error
/// hookd answers.
///
/// Messages name what was wrong but never echo internal failures: those are logged instead.
struct RPCErrorObject: Codable, Sendable, Equatable, Error {
    var code: Int
    var message: String
    var data: RPCErrorData?

    init(code: Int, message: String, data: RPCErrorData?) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The frame was not JSON (or not UTF-8).
    static let parseError = RPCErrorObject(
        code: -32700, message: "Parse error: not valid JSON",
        data: RPCErrorData(status: ErrorStatus.invalidArgument.rawValue, reason: "hookd.ParseError"))

    /// The JSON was not a valid JSON-RPC 2.0 request.
    static func invalidRequest(_ detail: String) -> RPCErrorObject {
        RPCErrorObject(
            code: -32600, message: "Invalid Request: \(detail)",
            data: RPCErrorData(status: ErrorStatus.invalidArgument.rawValue, reason: "hookd.InvalidRequest"))
    }

    /// A line longer than the server accepts; still -32600 (it cannot be a valid request), but
    /// with `RESOURCE_EXHAUSTED` so a client can tell it apart from malformed input.
    static func frameTooLarge(limit: Int) -> RPCErrorObject {
        RPCErrorObject(
            code: -32600, message: "Invalid Request: frame exceeds \(limit) bytes (hookd --max-request-bytes)",
            data: RPCErrorData(status: ErrorStatus.resourceExhausted.rawValue, reason: "hookd.FrameTooLarge"))
    }

    /// The server already serves as many connections as it may (`--max-clients`); this one is
    /// closed after the answer.
    static func tooManyClients(limit: Int) -> RPCErrorObject {
        application(
            HookdError(
                .resourceExhausted, reason: "hookd.TooManyClients",
                "hookd serves at most \(limit) clients at once (--max-clients); try again when one disconnects"))
    }

    /// The connection was closed for having nothing under way and sending nothing for `after`.
    static func idleTimeout(after: Duration) -> RPCErrorObject {
        application(
            HookdError(
                .unavailable, reason: "hookd.IdleTimeout",
                "hookd closed this connection after \(after.components.seconds) s idle (--idle-timeout); connect again"))
    }

    /// No handler is registered under `method`.
    static func methodNotFound(_ method: String) -> RPCErrorObject {
        RPCErrorObject(
            code: -32601, message: "Method not found: \(method)",
            data: RPCErrorData(status: ErrorStatus.notFound.rawValue, reason: "hookd.MethodNotFound"))
    }

    /// The params did not fit the method; every problem is listed.
    static func invalidParams(_ violations: [Violation]) -> RPCErrorObject {
        let details = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        return RPCErrorObject(
            code: -32602, message: "Invalid params: \(details)",
            data: RPCErrorData(
                status: ErrorStatus.invalidArgument.rawValue, reason: "hookd.InvalidParams", violations: violations))
    }

    /// Params given by position: valid JSON-RPC, but hookd methods take params by name.
    static let paramsNotAnObject = RPCErrorObject(
        code: -32602, message: "Invalid params: params must be an object (hookd methods take params by name)",
        data: RPCErrorData(
            status: ErrorStatus.invalidArgument.rawValue, reason: "hookd.InvalidParams",
            violations: [Violation(field: "params", description: "must be an object")]))

    /// Something failed that the caller cannot fix; the details are in the daemon's log.
    static let internalError = RPCErrorObject(
        code: -32603, message: "Internal error",
        data: RPCErrorData(status: ErrorStatus.internal.rawValue, reason: "hookd.Internal"))

    /// The handler did not finish within the request's `timeoutMs`.
    static func deadlineExceeded(milliseconds: Int64) -> RPCErrorObject {
        application(
            HookdError(
                .deadlineExceeded, reason: "hookd.DeadlineExceeded",
                "deadline exceeded: no answer within \(milliseconds) ms"))
    }

    /// An application error: `-32000 - grpcCode`, so every status has its own code in the
    /// range JSON-RPC reserves for servers.
    static func application(_ error: HookdError) -> RPCErrorObject {
        RPCErrorObject(
            code: -32000 - error.status.grpcCode, message: error.message,
            data: RPCErrorData(status: error.status.rawValue, reason: error.reason, violations: error.violations))
    }
}
