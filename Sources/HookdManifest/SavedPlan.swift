import Foundation
import HookdCore

/// A plan saved by `hookctl diff --out FILE` for `hookctl apply FILE`: the reviewed
/// changes, the state revision they were computed against, and the desired state that
/// produced them, with each secret replaced by where it comes from and its fingerprint.
/// The file never holds a secret.
public struct SavedPlan: Sendable, Codable, Equatable {
    /// The file format, so a later hookctl can refuse what it cannot read.
    public static let currentFormat = "hookd-plan/v1"

    /// A webhook secret the plan needs, by reference.
    public struct SecretReference: Sendable, Codable, Equatable {
        /// `ACCOUNT/NAME`.
        public var webhook: String
        public var fromEnv: String?
        public var fromFile: String?
        /// `sha256:...` of the secret when the plan was made.
        public var fingerprint: String

        var source: SecretSource? {
            if let fromEnv { return .environment(fromEnv) }
            if let fromFile { return .file(fromFile) }
            return nil
        }
    }

    public var format: String
    public var plan: ConfigurationPlan
    public var desired: DesiredState
    public var secrets: [SecretReference]

    /// Saves `plan`, computed from `desired` whose secrets came from `sources`.
    public init(plan: ConfigurationPlan, desired: DesiredState, sources: [ResourceKey: SecretSource]) throws {
        format = Self.currentFormat
        self.plan = plan
        var stripped = desired
        var references: [SecretReference] = []
        for index in stripped.webhooks.indices {
            guard let text = stripped.webhooks[index].secret else { continue }
            let key = stripped.webhooks[index].key
            let secret = try WebhookSecret(text)
            let source = sources[key]
            references.append(
                SecretReference(
                    webhook: key.qualifiedName, fromEnv: source.flatMap { if case .environment(let name) = $0 { name } else { nil } },
                    fromFile: source.flatMap { if case .file(let path) = $0 { path } else { nil } },
                    fingerprint: secret.fingerprint))
            stripped.webhooks[index].secret = nil
        }
        self.desired = stripped
        secrets = references
    }

    /// The desired state with every secret read again from its source; fails when a source
    /// is gone or now holds a different secret than the one the plan was made with.
    public func resolvedDesiredState(environment: [String: String]) throws(SecretResolutionError) -> DesiredState {
        guard format == Self.currentFormat else {
            throw SecretResolutionError(message: "unsupported plan format \"\(format)\" (this hookctl reads \(Self.currentFormat))")
        }
        var state = desired
        for reference in secrets {
            guard let index = state.webhooks.firstIndex(where: { $0.key.qualifiedName == reference.webhook }),
                let source = reference.source
            else {
                throw SecretResolutionError(message: "the plan's secret for \(reference.webhook) has no source")
            }
            let secret = try source.resolve(environment: environment)
            guard secret.fingerprint == reference.fingerprint else {
                throw SecretResolutionError(
                    message: "the secret of \(reference.webhook) (\(source)) changed since the plan was made; run diff again")
            }
            state.webhooks[index].secret = secret.text
        }
        return state
    }
}
