import Foundation
import HookdCore

/// A desired state whose every field passed validation, as the models the store keeps.
public struct ValidatedState: Sendable {
    public var accounts: [Account] = []
    public var eventTypes: [EventType] = []
    public var webhooks: [DesiredWebhook] = []

    public init() {}
}

/// A webhook as its manifest declares it.
public struct DesiredWebhook: Sendable {
    /// Ready to create: a new id, and a generated secret when none is declared.
    public var webhook: Webhook
    /// False when the manifest names no secret, so the live one is kept on update.
    public var secretDeclared: Bool
}

/// What the desired state is checked against.
public struct ValidationContext: Sendable {
    /// The URL rules of the daemon (or of `validate`'s flags).
    public var policy: TargetPolicy
    /// The live configuration; `nil` when validating offline.
    public var live: ConfigurationSnapshot?
    /// Whether managed resources the manifests do not name will be deleted.
    public var prune: Bool

    public init(policy: TargetPolicy, live: ConfigurationSnapshot? = nil, prune: Bool = false) {
        self.policy = policy
        self.live = live
        self.prune = prune
    }

    /// Whether a live resource stays after the apply: named by the manifests, or not
    /// pruned (created by hand, or no `--prune`).
    func survives(key: ResourceKey, managed: Bool, declared: Set<ResourceKey>) -> Bool {
        declared.contains(key) || !(prune && managed)
    }
}
