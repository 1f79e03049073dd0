import Foundation
import HookdAPI
import HookdCore
import HookdSchema
import HookdDelivery
import HookdRPC
import HookdStore

/// `Manifests.*`: configuration as code. The plan is computed here, against the live
/// state, with the same rules as the per-resource methods.
enum ManifestHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.manifestsPlan) { (params: ManifestPlanParams, _) in
            let snapshot = try await services.store.configurationSnapshot()
            return try services.plan(params.desired, prune: params.prune ?? false, against: snapshot).plan
        }
        router.register(.manifestsApply) { (params: ManifestApplyParams, _) in
            try await apply(params, services)
        }
        router.register(.manifestsExport) { (_: EmptyParams, _) in
            DesiredState(exporting: try await services.store.configurationSnapshot())
        }
    }

    private static func apply(_ params: ManifestApplyParams, _ services: DaemonServices) async throws -> ManifestApplyResult {
        let prune = params.prune ?? false
        if params.dryRun == true {
            let snapshot = try await services.store.configurationSnapshot()
            try checkExpectations(params, revision: snapshot.stateRevision, plan: nil)
            let plan = try services.plan(params.desired, prune: prune, against: snapshot).plan
            try checkExpectations(params, revision: snapshot.stateRevision, plan: plan)
            return ManifestApplyResult(plan: plan, applied: false, stateRevision: snapshot.stateRevision)
        }
        let (revision, plan) = try await services.store.applyConfiguration { snapshot in
            try checkExpectations(params, revision: snapshot.stateRevision, plan: nil)
            let (plan, writes) = try services.plan(params.desired, prune: prune, against: snapshot)
            try checkExpectations(params, revision: snapshot.stateRevision, plan: plan)
            try checkAdoptions(plan, allowed: params.adopt ?? false)
            return (writes, plan)
        }
        if !plan.isEmpty {
            // Webhooks may have changed or gone: the engine takes their settings again.
            try await WebhookService(services: services).reloadAll()
        }
        return ManifestApplyResult(plan: plan, applied: true, stateRevision: revision)
    }

    /// Refuses to take over resources made by hand unless the caller asked to adopt them.
    private static func checkAdoptions(_ plan: ConfigurationPlan, allowed: Bool) throws(HookdError) {
        let adoptions = plan.adoptions
        guard !adoptions.isEmpty, !allowed else { return }
        let count = Plural.count(adoptions.count, "resource")
        throw HookdError(
            .failedPrecondition, reason: "hookd.AdoptionRefused",
            "the manifests declare \(count) made by hand; applying would take \(adoptions.count == 1 ? "it" : "them") over "
                + "(managed from then on, so --prune may delete \(adoptions.count == 1 ? "it" : "them")): review the plan and "
                + "apply again with --adopt",
            violations: adoptions.map { Violation(field: $0.description, description: "made by hand") })
    }

    /// Refuses a saved plan whose state moved on, or that no longer computes the same.
    private static func checkExpectations(
        _ params: ManifestApplyParams, revision: Int64, plan: ConfigurationPlan?
    ) throws(HookdError) {
        if let expected = params.expectedRevision, expected != revision {
            throw HookdError(
                .failedPrecondition, reason: "hookd.StalePlan",
                "stale plan, run diff again: it was computed at state revision \(expected), the state is now at \(revision)")
        }
        if let plan, let expected = params.expectedDigest, expected != plan.digest {
            throw HookdError(
                .failedPrecondition, reason: "hookd.PlanMismatch",
                "the plan computed now differs from the saved plan (\(expected)); run diff again")
        }
    }
}

extension DaemonServices {
    /// Validates `desired` against the live state and plans it; every problem is reported
    /// at once, each naming its resource and field.
    func plan(
        _ desired: DesiredState, prune: Bool, against snapshot: ConfigurationSnapshot
    ) throws(HookdError) -> (plan: ConfigurationPlan, writes: [ConfigurationWrite]) {
        let context = ValidationContext(policy: policy, live: snapshot, prune: prune, eventTypeProblems: EventTypeRules.problems)
        let (validated, problems) = DesiredStateValidator.validate(desired, in: context)
        var duplicates = ViolationList()
        for (key, count) in Dictionary(grouping: desiredKeys(desired), by: { $0 }).mapValues(\.count) where count > 1 {
            duplicates.add(key.description, "declared \(count) times")
        }
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty || !duplicates.violations.isEmpty {
            let violations = duplicates.violations + errors.map { Violation(field: $0.field, description: $0.message) }
            throw HookdError.invalidArgument(
                "invalid manifests: " + violations.map { "\($0.field): \($0.description)" }.joined(separator: "; "),
                violations: violations)
        }
        return ConfigurationPlanner.plan(validated, against: snapshot, prune: prune)
    }

    private func desiredKeys(_ desired: DesiredState) -> [ResourceKey] {
        desired.accounts.map(\.key) + desired.eventTypes.map(\.key) + desired.webhooks.map(\.key)
    }
}
