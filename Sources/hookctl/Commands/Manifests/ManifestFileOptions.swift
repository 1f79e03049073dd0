import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdSchema
import HookdManifest
import HookdRPC

/// `-f PATH...`: the manifests a command reads.
struct ManifestFileOptions: ParsableArguments {
    @Option(
        name: [.customShort("f"), .customLong("filename")],
        help: ArgumentHelp(
            "A manifest file, a directory (searched recursively for *.yaml and *.yml) or - for stdin; repeatable.",
            valueName: "path"))
    var files: [String] = []

    /// The manifests read and checked for what can be checked without the daemon.
    func load() throws -> ManifestSet {
        do {
            return ManifestSet(try ManifestSources.load(files))
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// Manifests ready to send to the daemon: read, every secret resolved.
struct ResolvedManifests {
    var manifests: ManifestSet
    /// The desired state with secrets.
    var desired: DesiredState

    /// Reads the manifests and resolves their secrets; any problem is printed as
    /// `file:line:column: message` and ends the command before the plan is asked for.
    ///
    /// When reading finds problems, the rules `validate` checks on values (URLs, durations,
    /// unknown event types, plan limits) are checked too, with the daemon's URL policy, so
    /// `validate`, `diff` and `apply` report the same problems rather than the first kind only.
    init(
        _ options: ManifestFileOptions, daemon: GlobalOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        manifests = try options.load()
        var diagnostics = manifests.diagnostics
        desired = manifests.declaredState
        if manifests.hasErrors {
            let context = ValidationContext(policy: await Self.policy(of: daemon), eventTypeProblems: EventTypeRules.problems)
            diagnostics += DesiredStateValidator.validate(desired, in: context).problems.map(manifests.diagnostic(for:))
        }
        let sources = manifests.secretSources
        for index in desired.webhooks.indices {
            let key = desired.webhooks[index].key
            guard let source = sources[key] else { continue }
            do {
                desired.webhooks[index].secret = try source.resolve(environment: environment).text
            } catch {
                diagnostics.append(manifests.diagnostic(for: ResourceProblem(key, "spec.secret", error.message)))
            }
        }
        try ManifestDiagnostics.stopOnErrors(diagnostics)
    }

    /// The daemon's URL policy; the strict default when it cannot say (it then fails the
    /// command on its own as unreachable).
    private static func policy(of daemon: GlobalOptions) async -> TargetPolicy {
        guard
            let status = try? await daemon.withDaemon({
                try await $0.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            })
        else { return TargetPolicy(allowInsecureTargets: false) }
        let networks = (status.allowedTargets ?? []).compactMap { try? IPNetwork(cidr: $0) }
        return TargetPolicy(allowInsecureTargets: status.allowInsecureTargets, allowedNetworks: networks)
    }

    /// Where each webhook's secret came from (for saved plans).
    var secretSources: [ResourceKey: SecretSource] { manifests.secretSources }
}

/// Printing manifest problems and locating the daemon's.
enum ManifestDiagnostics {
    /// Prints the diagnostics to stderr and fails when any is an error.
    static func stopOnErrors(_ diagnostics: [ManifestDiagnostic]) throws {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return }
        CLIErrorReporter.print(diagnostics.map(\.description))
        throw CLIError("\(count(errors.count, "error")) in the manifests; nothing was changed")
    }

    /// The daemon's refusal of the manifests with each violation located at the manifest
    /// line it is about; other errors pass through.
    static func locate(_ error: any Error, in set: ManifestSet) -> any Error {
        guard let remote = error as? RPCRemoteError, let violations = remote.data?.violations, !violations.isEmpty,
            remote.data?.status == ErrorStatus.invalidArgument.rawValue
        else { return error }
        var lines: [String] = []
        for violation in violations {
            if let (key, path) = ResourceProblem.locate(field: violation.field), let document = set.document(for: key) {
                let position = document.position(of: path)
                lines.append("\(document.file):\(position): \(violation.description)")
            } else {
                lines.append("\(violation.field): \(violation.description)")
            }
        }
        CLIErrorReporter.print(lines)
        return CLIError("hookd refused the manifests (\(count(violations.count, "error"))); nothing was changed")
    }

    static func count(_ number: Int, _ noun: String) -> String {
        Plural.count(number, noun)
    }
}
