import ArgumentParser
import Foundation
import HookdCore
import HookdSchema
import HookdManifest

/// `hookctl validate -f PATH...`: checks manifests without a daemon.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests offline and report every problem as file:line:column.",
        discussion: """
            Needs no daemon. Reports YAML syntax errors, unknown kinds and fields (with a \
            "did you mean"), wrong types, duplicate resources, unknown accounts and event \
            types, invalid or forbidden URLs, bad durations and plan limits, all at once. \
            Secrets are not read. Exit status 1 when anything is wrong.

            Examples:
              hookctl validate -f examples/loyalty
              hookctl validate -f accounts.yaml -f webhooks/ -o json
              cat webhook.yaml | hookctl validate -f -
            """)

    @OptionGroup var manifests: ManifestFileOptions

    @Flag(help: "Accept http:// and loopback or private URLs, as a hookd started with --allow-insecure-targets does.")
    var allowInsecureTargets = false

    @Option(
        name: .customLong("allow-target"),
        help: ArgumentHelp(
            "Accept https URLs in this internal range (CIDR), as a hookd started with --allow-target does; repeatable.",
            valueName: "cidr"))
    var allowTargets: [String] = []

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let set = try manifests.load()
        let context = ValidationContext(
            policy: TargetPolicy(allowInsecureTargets: allowInsecureTargets, allowedNetworks: try allowedNetworks()),
            eventTypeProblems: EventTypeRules.problems)
        let (_, problems) = DesiredStateValidator.validate(set.declaredState, in: context)
        let diagnostics = set.diagnostics + problems.map(set.diagnostic(for:))
        let report = DiagnosticsReport(diagnostics)
        try globals.printer.print(report) { _ in
            var lines = diagnostics.map(\.description)
            let state = set.declaredState
            if report.valid {
                lines.append(
                    "Valid: \(ManifestDiagnostics.count(set.documentCount, "document")) (\(ManifestDiagnostics.count(state.accounts.count, "account")), "
                        + "\(ManifestDiagnostics.count(state.eventTypes.count, "event type")), "
                        + "\(ManifestDiagnostics.count(state.webhooks.count, "webhook"))).")
            } else {
                lines.append(
                    "Invalid: \(ManifestDiagnostics.count(report.errorCount, "error"))"
                        + (report.warningCount > 0 ? ", \(ManifestDiagnostics.count(report.warningCount, "warning"))." : "."))
            }
            return lines.joined(separator: "\n")
        }
        if !report.valid { throw ExitCode.failure }
    }

    /// The `--allow-target` ranges; a malformed one is a usage error naming what is wrong.
    private func allowedNetworks() throws -> [IPNetwork] {
        try allowTargets.map { text in
            do {
                return try IPNetwork(cidr: text)
            } catch {
                throw ValidationError("--allow-target: \(error)")
            }
        }
    }
}
