import Crypto
import Foundation

/// What applying a set of manifests would change, resource by resource, and the state
/// revision it was computed against.
public struct ConfigurationPlan: Sendable, Equatable, Codable {
    /// The live state's revision when the plan was computed; applying a saved plan requires
    /// it unchanged.
    public var stateRevision: Int64
    /// Whether the plan deletes managed resources the manifests no longer name.
    public var prune: Bool
    /// Creates first (accounts, event types, webhooks), then updates, then deletes.
    public var changes: [ResourceChange]
    /// A digest of `changes`, so a saved plan can prove it is applied unaltered.
    public var digest: String

    public init(stateRevision: Int64, prune: Bool, changes: [ResourceChange], digest: String) {
        self.stateRevision = stateRevision
        self.prune = prune
        self.changes = changes
        self.digest = digest
    }

    /// How many resources it adds, changes and deletes.
    public var summary: PlanSummary {
        PlanSummary(
            add: changes.count { $0.action == .create }, change: changes.count { $0.action == .update },
            delete: changes.count { $0.action == .delete })
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// The resources made by hand that applying this plan would take over.
    public var adoptions: [ResourceKey] { changes.filter { $0.adopt == true }.map(\.key) }
}

/// The counts on the plan's last line.
public struct PlanSummary: Sendable, Equatable, Codable {
    public var add: Int
    public var change: Int
    public var delete: Int

    public init(add: Int, change: Int, delete: Int) {
        self.add = add
        self.change = change
        self.delete = delete
    }
}

/// What happens to one resource.
public enum ChangeAction: String, Sendable, Codable {
    case create
    case update
    case delete

    /// `+`, `~` or `-`.
    public var symbol: String {
        switch self {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        }
    }
}

/// One resource's change with each field that differs.
public struct ResourceChange: Sendable, Equatable, Codable {
    public var action: ChangeAction
    public var kind: ConfigurationKind
    public var account: String?
    public var name: String
    /// For a create, every field set; for an update, each field that changes.
    public var fields: [FieldChange]
    /// Why the live state differs from the manifests when it was changed outside them
    /// (`disabled by operator`), for the reviewer.
    public var drift: String?
    /// True when the resource exists but was made by hand, not by an apply: applying takes
    /// it over (it becomes managed, so `--prune` may later delete it), which `apply`
    /// does only when asked to with `--adopt`.
    public var adopt: Bool?

    public init(
        action: ChangeAction, key: ResourceKey, fields: [FieldChange] = [], drift: String? = nil, adopt: Bool? = nil
    ) {
        self.action = action
        kind = key.kind
        account = key.account
        name = key.name
        self.fields = fields
        self.drift = drift
        self.adopt = adopt
    }

    public var key: ResourceKey { ResourceKey(kind: kind, account: account, name: name) }
}

/// One field's old and new value. List fields whose order means nothing report the items
/// added and removed instead; secrets report neither value.
public struct FieldChange: Sendable, Equatable, Codable {
    /// `spec.url`, `spec.plan.maxWebhooks`, ...
    public var field: String
    public var old: JSONValue?
    public var new: JSONValue?
    public var added: [String]?
    public var removed: [String]?
    /// True for the secret: shown as `(sensitive)`, compared by fingerprint.
    public var sensitive: Bool?

    public init(
        field: String, old: JSONValue? = nil, new: JSONValue? = nil, added: [String]? = nil,
        removed: [String]? = nil, sensitive: Bool? = nil
    ) {
        self.field = field
        self.old = old
        self.new = new
        self.added = added
        self.removed = removed
        self.sensitive = sensitive
    }
}

extension ConfigurationPlan {
    /// A plan over `changes` with their digest.
    public init(stateRevision: Int64, prune: Bool, changes: [ResourceChange]) {
        self.init(stateRevision: stateRevision, prune: prune, changes: changes, digest: Self.digest(of: changes))
    }

    /// `sha256:` of the canonical JSON of `changes`: equal digests mean equal plans.
    public static func digest(of changes: [ResourceChange]) -> String {
        var writer = CanonicalJSONWriter()
        let data = (try? write(changes, to: &writer)).map { writer.data } ?? Data()
        return "sha256:" + SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
