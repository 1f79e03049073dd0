import HookdCore

extension APIMethod where Params == ManifestPlanParams, Result == ConfigurationPlan {
    /// `Manifests.Plan`.
    public static var manifestsPlan: Self {
        Self(
            "Manifests.Plan", role: .admin, summary: "What applying a desired state would change, changing nothing.", errors: [.failedPrecondition])
    }
}

extension APIMethod where Params == ManifestApplyParams, Result == ManifestApplyResult {
    /// `Manifests.Apply`.
    public static var manifestsApply: Self {
        Self(
            "Manifests.Apply", role: .admin,
            summary: "Makes the live state match a desired state, in one transaction.",
            details: "A saved plan's revision and digest make it refuse a plan gone stale; resources made by hand "
                + "are taken over only with `adopt`.", errors: [.failedPrecondition, .aborted])
    }
}

extension APIMethod where Params == EmptyParams, Result == DesiredState {
    /// `Manifests.Export`.
    public static var manifestsExport: Self {
        Self("Manifests.Export", role: .admin, summary: "The live state as a desired state, to write as manifests.")
    }
}
