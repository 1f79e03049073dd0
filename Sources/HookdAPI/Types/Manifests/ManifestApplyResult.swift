import HookdCore

/// What `Manifests.Apply` did.
public struct ManifestApplyResult: Codable, Sendable, Equatable {
    /// The plan that was applied (or would be, for a dry run).
    public var plan: ConfigurationPlan
    /// False for a dry run.
    public var applied: Bool
    /// The state revision after the apply.
    public var stateRevision: Int64

    public init(plan: ConfigurationPlan, applied: Bool, stateRevision: Int64) {
        self.plan = plan
        self.applied = applied
        self.stateRevision = stateRevision
    }
}
