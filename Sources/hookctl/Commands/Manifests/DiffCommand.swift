import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdManifest
import HookdRPC

/// `hookctl diff -f PATH...`: the plan the daemon computes for the manifests.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what apply would change: + create, ~ update, - delete.",
        discussion: """
            Reads the manifests, resolves their secrets (fromEnv, fromFile) and asks hookd \
            for the plan against its live state. Changed fields show old → new; list fields \
            show items added and removed; secrets show only as (sensitive). State changed \
            outside the manifests, such as a webhook disabled by an operator or by hookd, is \
            shown with its reason.

            Exit status: 0 no changes, 2 changes, 1 error (for CI gates).

            --out saves the plan with the state revision it was computed against; \
            `hookctl apply FILE` applies exactly that plan, or refuses when the state has \
            moved. The file holds no secret, only where each comes from and its fingerprint.

            Examples:
              hookctl diff -f examples/loyalty
              hookctl diff -f manifests/ --prune --out plan.json
              hookctl diff -f manifests/ -o json
            """)

    @OptionGroup var manifests: ManifestFileOptions

    @Flag(help: "Also plan deleting managed resources the manifests no longer name.")
    var prune = false

    @Option(help: ArgumentHelp("Save the plan for `hookctl apply FILE`.", valueName: "file"))
    var out: String?

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let resolved = try await ResolvedManifests(manifests, daemon: globals)
        let params = ManifestPlanParams(desired: resolved.desired, prune: prune)
        let plan: ConfigurationPlan
        do {
            plan = try await globals.withDaemon(oversizedAdvice: ApplyCommand.oversizedAdvice) {
                try await $0.call(.manifestsPlan, params, as: ConfigurationPlan.self)
            }
        } catch {
            throw ManifestDiagnostics.locate(error, in: resolved.manifests)
        }
        if let out {
            let saved = try SavedPlan(plan: plan, desired: resolved.desired, sources: resolved.secretSources)
            do {
                try JSONCoding.prettyEncoder.encode(saved).write(to: URL(fileURLWithPath: out))
            } catch {
                throw CLIError("cannot write the plan to \(out): \(error.localizedDescription)")
            }
        }
        try globals.printer.print(plan) { plan in
            var text = PlanRenderer.render(plan)
            if let out, !plan.isEmpty { text += "\nSaved the plan to \(out); apply it with: hookctl apply \(out)\n" }
            return text
        }
        if !plan.isEmpty { throw ExitCode(2) }
    }
}
