/// One call after its admission phase: answered already, or waiting for its completion.
enum AdmittedCall: Sendable {
    /// Finished; `nil` for a notification.
    case settled(RPCResponse?)
    /// Admitted; the closure finishes the call and gives its response (`nil` for a
    /// notification).
    case pending(CallCompletion<RPCResponse?>)

    /// True when there is nothing left to wait for.
    var isSettled: Bool {
        if case .settled = self { return true }
        return false
    }

    /// The call's response, waiting for its completion if it has one.
    func response() async -> RPCResponse? {
        switch self {
        case .settled(let response): return response
        case .pending(let completion): return await completion.value()
        }
    }
}
