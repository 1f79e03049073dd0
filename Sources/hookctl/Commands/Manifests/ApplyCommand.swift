import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdManifest
import HookdRPC

/// `hookctl apply -f PATH...` or `hookctl apply PLAN`.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the daemon's live state match the manifests, all or nothing.",
        discussion: """
            Applies the plan that diff shows in one store transaction: either every change \
            is made or none. Resources apply creates are marked managed; --prune also \
            deletes managed resources the manifests no longer name, and never touches \
            resources created by hand. Applying the same manifests twice changes nothing.

            A resource the manifests declare that already exists but was made by hand \
            (hookctl create, or before the manifests existed) is not taken over silently: \
            apply prints the plan, marks it "made by hand", changes nothing and exits 1. \
            With --adopt it applies the plan and the resource is managed from then on (so \
            a later --prune may delete it). This holds in CI too: there is no prompt.

            Given a plan saved by `hookctl diff --out FILE`, applies exactly that plan and \
            refuses (stale plan) when the live state has changed since it was computed.

            Examples:
              hookctl apply -f examples/loyalty
              hookctl apply -f manifests/ --prune --dry-run
              hookctl export --to manifests/ && hookctl apply -f manifests/ --adopt
              hookctl diff -f manifests/ --out plan.json && hookctl apply plan.json
            """)

    @Argument(help: ArgumentHelp("A plan saved by `hookctl diff --out`.", valueName: "plan"))
    var planFile: String?

    @OptionGroup var manifests: ManifestFileOptions

    @Flag(help: "Also delete managed resources the manifests no longer name.")
    var prune = false

    @Flag(help: "Show the plan without changing anything.")
    var dryRun = false

    @Flag(help: "Take over resources made by hand that the manifests declare.")
    var adopt = false

    @OptionGroup var globals: GlobalOptions

    func validate() throws {
        if planFile != nil && !manifests.files.isEmpty {
            throw CLIError("give either -f PATH... or a saved plan file, not both")
        }
        if planFile == nil && manifests.files.isEmpty {
            throw CLIError("no manifests given; use -f FILE|DIR|- or a plan saved by hookctl diff --out")
        }
        if planFile != nil && prune {
            throw CLIError("a saved plan carries its own --prune choice; run diff --prune --out again to change it")
        }
    }

    func run() async throws {
        let params: ManifestApplyParams
        let set: ManifestSet?
        if let planFile {
            let saved = try Self.readPlan(planFile)
            let desired: DesiredState
            do {
                desired = try saved.resolvedDesiredState(environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIError("cannot apply \(planFile): \(error.message)")
            }
            params = ManifestApplyParams(
                desired: desired, prune: saved.plan.prune, dryRun: dryRun, expectedRevision: saved.plan.stateRevision,
                expectedDigest: saved.plan.digest, adopt: adopt)
            set = nil
        } else {
            let resolved = try await ResolvedManifests(manifests, daemon: globals)
            params = ManifestApplyParams(desired: resolved.desired, prune: prune, dryRun: dryRun, adopt: adopt)
            set = resolved.manifests
        }
        let result: ManifestApplyResult
        do {
            result = try await globals.withDaemon(oversizedAdvice: Self.oversizedAdvice) {
                try await $0.call(.manifestsApply, params, as: ManifestApplyResult.self)
            }
        } catch let error as RPCRemoteError where error.data?.reason == Self.adoptionRefused {
            try await printRefusedPlan(params)
            throw error
        } catch {
            throw set.map { ManifestDiagnostics.locate(error, in: $0) } ?? error
        }
        try print(result)
    }

    /// What else to do with manifests too large for one call: an apply is one transaction,
    /// so hookctl does not split it behind the operator's back.
    static let oversizedAdvice = [
        "or apply the manifests in parts, a few files or folders at a time, without --prune "
            + "(which would delete what the other parts declare); each part is then applied whole"
    ]

    /// The reason hookd gives for an apply that would take over resources made by hand.
    static let adoptionRefused = "hookd.AdoptionRefused"

    /// Prints what an apply refused for adopting would have changed (a dry run of it).
    private func printRefusedPlan(_ params: ManifestApplyParams) async throws {
        var preview = params
        preview.dryRun = true
        let result = try await globals.withDaemon { try await $0.call(.manifestsApply, preview, as: ManifestApplyResult.self) }
        try print(result, refused: true)
    }

    private func print(_ result: ManifestApplyResult, refused: Bool = false) throws {
        try globals.printer.print(result) { result in
            var text = PlanRenderer.render(result.plan)
            let summary = result.plan.summary
            if result.plan.isEmpty {
                return text
            }
            if refused {
                text += "\nNothing was changed: the plan takes over resources made by hand (see --adopt).\n"
            } else if result.applied {
                text += "\nApply complete: \(summary.add) added, \(summary.change) changed, \(summary.delete) deleted.\n"
            } else {
                text += "\nDry run: nothing was changed.\n"
            }
            return text
        }
    }

    private static func readPlan(_ path: String) throws -> SavedPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the plan file \(path)")
        }
        do {
            return try JSONCoding.decoder.decode(SavedPlan.self, from: data)
        } catch {
            throw CLIError("\(path) is not a plan saved by hookctl diff --out")
        }
    }
}
