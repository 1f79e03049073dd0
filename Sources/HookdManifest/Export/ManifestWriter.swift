import HookdCore
import Yams

/// Writes a desired state as manifest YAML, in the layout `validate` and `diff` read back:
/// every string reads back as that string, whatever it looks like (`ScalarStyle`).
public enum ManifestWriter {
    /// One multi-document YAML text per kind: `accounts`, `event-types`, `webhooks` (kinds
    /// with nothing to declare are left out).
    public static func files(_ state: DesiredState) throws -> [(name: String, text: String)] {
        let groups: [(String, [Node])] = [
            ("accounts.yaml", state.accounts.map(document)),
            ("event-types.yaml", state.eventTypes.map(document)),
            ("webhooks.yaml", state.webhooks.map(document)),
        ]
        return try groups.filter { !$0.1.isEmpty }.map { ($0.0, try text(of: $0.1)) }
    }

    /// Every document in one text.
    public static func text(_ state: DesiredState) throws -> String {
        try text(of: state.accounts.map(document) + state.eventTypes.map(document) + state.webhooks.map(document))
    }

    private static func text(of documents: [Node]) throws -> String {
        // Unlimited width: long plain scalars are never folded over lines.
        try documents.map { try Yams.serialize(node: $0, width: -1, allowUnicode: true, sortKeys: false) }.joined(separator: "---\n")
    }

    private static func document(_ kind: ConfigurationKind, metadata: [(String, Node)], spec: [(String, Node)]) -> Node {
        mapping([
            ("apiVersion", string(ManifestParser.apiVersion)), ("kind", string(kind.rawValue)),
            ("metadata", mapping(metadata)), ("spec", mapping(spec)),
        ])
    }

    private static func document(_ account: AccountSpec) -> Node {
        var plan: [(String, Node)] = []
        if let limit = account.maxWebhooks { plan.append(("maxWebhooks", Node(String(limit), Tag(.int)))) }
        plan.append(("eventTypes", sequence(account.eventTypes ?? ["*"])))
        return document(.account, metadata: [("name", string(account.name))], spec: [("plan", mapping(plan))])
    }

    private static func document(_ eventType: EventTypeSpec) -> Node {
        var spec: [(String, Node)] = []
        if let description = eventType.description { spec.append(("description", string(description))) }
        if let schema = eventType.schema { spec.append(("schema", node(schema))) }
        if let example = eventType.example { spec.append(("example", node(example))) }
        return document(.eventType, metadata: [("name", string(eventType.name))], spec: spec)
    }

    private static func document(_ webhook: WebhookSpec) -> Node {
        var metadata = [("name", string(webhook.name)), ("account", string(webhook.account))]
        if let labels = webhook.labels, !labels.isEmpty { metadata.append(("labels", stringMap(labels))) }
        var spec: [(String, Node)] = [
            ("url", string(webhook.url)), ("enabled", Node(webhook.enabled ?? true ? "true" : "false", Tag(.bool))),
            ("events", sequence(webhook.events)),
        ]
        if let timeout = webhook.timeout { spec.append(("timeout", string(timeout))) }
        if let retry = webhook.retry { spec.append(("retry", mapping([("schedule", sequence(retry))]))) }
        if let rate = webhook.rateLimit { spec.append(("rateLimit", mapping([("perSecond", Node(String(rate), Tag(.int)))]))) }
        if let headers = webhook.headers, !headers.isEmpty { spec.append(("headers", stringMap(headers))) }
        if let description = webhook.description { spec.append(("description", string(description))) }
        if let ordering = webhook.ordering { spec.append(("ordering", string(ordering))) }
        if let signature = webhook.signature { spec.append(("signature", signatureNode(signature))) }
        if let filter = webhook.filter { spec.append(("filter", node(filter))) }
        return document(.webhook, metadata: metadata, spec: spec)
    }

    /// `spec.signature` with its members in the order the documentation lists them.
    private static func signatureNode(_ settings: WebhookSignatureSettings) -> Node {
        var pairs: [(String, Node)] = []
        if let scheme = settings.scheme { pairs.append(("scheme", string(scheme))) }
        if let header = settings.header { pairs.append(("header", string(header))) }
        if let encoding = settings.encoding { pairs.append(("encoding", string(encoding))) }
        if let prefix = settings.prefix { pairs.append(("prefix", string(prefix))) }
        if let standardHeaders = settings.standardHeaders {
            pairs.append(("standardHeaders", Node(standardHeaders ? "true" : "false", Tag(.bool))))
        }
        return mapping(pairs)
    }

    private static func string(_ text: String) -> Node { Node(text, Tag(.str), ScalarStyle.style(for: text)) }

    private static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node.mapping(Node.Mapping(pairs.map { (string($0.0), $0.1) }))
    }

    private static func sequence(_ texts: [String]) -> Node {
        Node.sequence(Node.Sequence(texts.map(string)))
    }

    private static func stringMap(_ map: [String: String]) -> Node {
        mapping(map.sorted { $0.key < $1.key }.map { ($0.key, string($0.value)) })
    }

    /// A JSON value as YAML, keys sorted.
    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: Node("null", Tag(.null))
        case .bool(let flag): Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): Node(String(number), Tag(.int))
        case .double(let number): Node(String(number), Tag(.float))
        case .string(let text): string(text)
        case .array(let items): Node.sequence(Node.Sequence(items.map(node)))
        case .object(let members): mapping(members.sorted { $0.key < $1.key }.map { ($0.key, node($0.value)) })
        }
    }
}
