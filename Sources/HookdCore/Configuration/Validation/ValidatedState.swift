import Foundation

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
    /// What is wrong with an event type's description, schema and example, each problem
    /// naming its field: `EventTypeRules.problems` from HookdSchema, which compiles the
    /// schema (this module has no JSON Schema engine; the callers link one).
    public var eventTypeProblems: @Sendable (_ description: String?, _ schema: JSONValue?, _ example: JSONValue?) -> [Violation]

    public init(
        policy: TargetPolicy, live: ConfigurationSnapshot? = nil, prune: Bool = false,
        eventTypeProblems: @escaping @Sendable (_ description: String?, _ schema: JSONValue?, _ example: JSONValue?) -> [Violation]
    ) {
        self.policy = policy
        self.live = live
        self.prune = prune
        self.eventTypeProblems = eventTypeProblems
    }

    /// Whether a live resource stays after the apply: named by the manifests, or not
    /// pruned (created by hand, or no `--prune`).
    func survives(key: ResourceKey, managed: Bool, declared: Set<ResourceKey>) -> Bool {
        declared.contains(key) || !(prune && managed)
    }
}
