import HookdCore

/// The `timeoutMs` every request may carry next to its method's own params.
enum RequestTimeout {
    /// The params member that holds the timeout.
    static let member = "timeoutMs"

    /// Removes `timeoutMs` from `params` (so the method's params type never sees it) and
    /// returns it; `nil` when absent.
    static func extract(from params: inout [String: JSONValue]) throws(InvalidParams) -> Duration? {
        guard let value = params.removeValue(forKey: member) else { return nil }
        guard case .int(let milliseconds) = value, milliseconds > 0 else {
            throw InvalidParams(field: member, "must be a positive integer (milliseconds)")
        }
        return .milliseconds(milliseconds)
    }
}
