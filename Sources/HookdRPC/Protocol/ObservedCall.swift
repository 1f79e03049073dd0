import Foundation
import HookdCore

/// A call that has been answered, as a router's observer sees it (see
/// ``RPCRouter/observeCalls(of:_:)``): for audit logs.
public struct ObservedCall: Sendable {
    /// How the call ended.
    public enum Outcome: Sendable {
        /// Answered with this result, as encoded JSON.
        case result(Data)
        /// Answered with an error of this status and reason (`PERMISSION_DENIED`,
        /// `hookd.RoleRequired`); JSON-RPC's own errors have no status and reason.
        case error(status: String?, reason: String?)

        /// How a call answered with `outcome` ended.
        init(_ outcome: RPCResponse.Outcome) {
            switch outcome {
            case .result(let data): self = .result(data)
            case .error(let error): self = .error(status: error.data?.status, reason: error.data?.reason)
            }
        }
    }

    /// The method called.
    public var method: String
    /// Its params as sent.
    public var params: [String: JSONValue]
    /// Who called.
    public var context: RPCContext
    /// How it ended.
    public var outcome: Outcome
}
