import HookdCore

/// The `error.data` of every hookd JSON-RPC error: a gRPC-style status, a stable reason and,
/// for bad input, the offending fields.
public struct RPCErrorData: Codable, Sendable, Equatable {
    /// A gRPC canonical status name such as `NOT_FOUND`.
    public var status: String
    /// A stable symbol such as `hookd.WebhookNotFound` that scripts can match on.
    public var reason: String
    /// Each wrong field and what is wrong with it; absent when there are none.
    public var violations: [Violation]?

    /// Error data; empty `violations` are normalised to absent so the wire form stays small.
    public init(status: String, reason: String, violations: [Violation]? = nil) {
        self.status = status
        self.reason = reason
        self.violations = violations?.isEmpty == true ? nil : violations
    }
}
