import HookdCore

/// `Manifests.Plan`: what applying `desired` would change.
public struct ManifestPlanParams: Codable, Sendable, Equatable {
    public var desired: DesiredState
    /// Also delete managed resources `desired` does not name.
    public var prune: Bool?

    public init(desired: DesiredState, prune: Bool? = nil) {
        self.desired = desired
        self.prune = prune
    }
}
