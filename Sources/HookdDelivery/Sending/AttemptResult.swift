import HookdCore

/// What one send did: what came back, and the address the attempt was judged on.
public struct AttemptResult: Sendable, Equatable {
    public var outcome: AttemptOutcome
    /// The address the attempt connected to once the policy had checked it, or the
    /// forbidden address that made it refuse; `nil` when no address was reached (the name
    /// did not resolve, or the URL itself was refused).
    public var resolvedAddress: IPAddress?

    public init(_ outcome: AttemptOutcome, resolvedAddress: IPAddress? = nil) {
        self.outcome = outcome
        self.resolvedAddress = resolvedAddress
    }
}
