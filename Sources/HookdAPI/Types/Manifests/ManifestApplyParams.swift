import HookdCore

/// `Manifests.Apply`: make the live state match `desired`, in one transaction.
public struct ManifestApplyParams: Codable, Sendable, Equatable {
    public var desired: DesiredState
    public var prune: Bool?
    /// Compute and return the plan, change nothing.
    public var dryRun: Bool?
    /// A saved plan's state revision: refuse (`FAILED_PRECONDITION`, stale plan) if the
    /// state has moved since.
    public var expectedRevision: Int64?
    /// A saved plan's digest: refuse if the plan computed now differs from it.
    public var expectedDigest: String?
    /// Take over resources made by hand that `desired` declares; without it, an apply
    /// whose plan would adopt any is refused (`FAILED_PRECONDITION`, `hookd.AdoptionRefused`).
    public var adopt: Bool?

    public init(
        desired: DesiredState, prune: Bool? = nil, dryRun: Bool? = nil, expectedRevision: Int64? = nil,
        expectedDigest: String? = nil, adopt: Bool? = nil
    ) {
        self.desired = desired
        self.prune = prune
        self.dryRun = dryRun
        self.expectedRevision = expectedRevision
        self.expectedDigest = expectedDigest
        self.adopt = adopt
    }
}
