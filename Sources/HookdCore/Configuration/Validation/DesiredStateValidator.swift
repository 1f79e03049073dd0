import Foundation

/// Checks a desired state with the same rules the API applies to each resource, plus the
/// rules across resources: references to accounts and event types, plan limits, names.
/// Offline (no live state) it checks the manifests as a set and warns where it cannot tell.
public enum DesiredStateValidator {
    public static func validate(
        _ state: DesiredState, in context: ValidationContext, now: Date = Date()
    ) -> (state: ValidatedState, problems: [ResourceProblem]) {
        var validated = ValidatedState()
        var problems: [ResourceProblem] = []
        let declared = Set(state.accounts.map(\.key) + state.eventTypes.map(\.key) + state.webhooks.map(\.key))

        var plans: [String: AccountPlan] = [:]
        for spec in state.accounts {
            if let account = account(spec, now: now, problems: &problems) {
                validated.accounts.append(account)
                plans[account.name] = account.plan
            }
        }
        for spec in state.eventTypes {
            if let eventType = eventType(spec, context: context, now: now, problems: &problems) {
                validated.eventTypes.append(eventType)
            }
        }

        // What webhooks may refer to: declared resources, and live ones that stay.
        var liveAccounts: Set<String> = []
        // hookd registers its own event types itself: webhooks may always name them.
        var knownEventTypes = Set(state.eventTypes.map(\.name)).union(OperationalEvent.catalog.map(\.name))
        // Filter paths are checked against these: the declared schemas, else the live ones.
        var eventSchemas: [String: JSONValue] = [:]
        for spec in state.eventTypes { eventSchemas[spec.name] = spec.schema }
        if let live = context.live {
            for account in live.accounts
            where context.survives(key: ResourceKey(kind: .account, name: account.name), managed: account.managed, declared: declared) {
                liveAccounts.insert(account.name)
                if plans[account.name] == nil { plans[account.name] = account.plan }
            }
            for eventType in live.eventTypes
            where context.survives(key: ResourceKey(kind: .eventType, name: eventType.name), managed: eventType.managed, declared: declared) {
                if knownEventTypes.insert(eventType.name).inserted { eventSchemas[eventType.name] = eventType.schema }
            }
        }
        let offline = context.live == nil
        let checkAccounts = !offline || !state.accounts.isEmpty
        let checkEventTypes = !offline || !state.eventTypes.isEmpty
        if offline && !state.webhooks.isEmpty {
            if !checkAccounts {
                problems.append(
                    ResourceProblem(
                        state.webhooks[0].key, "metadata.account",
                        "these manifests declare no accounts, so webhook accounts are checked only by diff and apply",
                        severity: .warning))
            }
            if !checkEventTypes {
                problems.append(
                    ResourceProblem(
                        state.webhooks[0].key, "spec.events",
                        "these manifests declare no event types, so subscriptions are checked only by diff and apply",
                        severity: .warning))
            }
        }

        var perAccount: [String: [ResourceKey]] = [:]
        for spec in state.webhooks {
            if checkAccounts && plans[spec.account] == nil && !liveAccounts.contains(spec.account) {
                let hint = NameSuggestion.hint(for: spec.account, among: plans.keys.sorted() + liveAccounts.sorted())
                problems.append(ResourceProblem(spec.key, "metadata.account", "unknown account \"\(spec.account)\"" + hint))
            }
            let known = checkEventTypes ? knownEventTypes : knownEventTypes.union(spec.events)
            let plan = plans[spec.account] ?? AccountPlan()
            let fields = WebhookFields(
                policy: context.policy, knownEventTypes: known, plan: plan, eventSchemas: eventSchemas)
            if let webhook = webhook(spec, fields: fields, now: now, problems: &problems) {
                validated.webhooks.append(webhook)
            }
            perAccount[spec.account, default: []].append(spec.key)
        }

        for (account, keys) in perAccount.sorted(by: { $0.key < $1.key }) {
            guard let limit = plans[account]?.maxWebhooks else { continue }
            let staying =
                context.live?.webhooks.filter {
                    $0.account == account && !declared.contains(ResourceKey(kind: .webhook, account: $0.account, name: $0.name))
                        && context.survives(key: ResourceKey(kind: .webhook, account: $0.account, name: $0.name), managed: $0.managed, declared: declared)
                }.count ?? 0
            let total = keys.count + staying
            guard total > limit else { continue }
            let others = staying > 0 ? " (\(keys.count) declared here, \(staying) more already in hookd)" : ""
            for key in keys.dropFirst(max(0, limit - staying)) {
                problems.append(
                    ResourceProblem(
                        key, "metadata.account",
                        "account \(account) allows at most \(Plural.count(limit, "webhook")) (plan.maxWebhooks); this would make \(total)\(others)"))
            }
        }
        return (validated, problems)
    }

    private static func account(_ spec: AccountSpec, now: Date, problems: inout [ResourceProblem]) -> Account? {
        var valid = true
        if let problem = Names.resourceNameProblem(spec.name) {
            problems.append(ResourceProblem(spec.key, "metadata.name", "account name \(problem)"))
            valid = false
        }
        if let limit = spec.maxWebhooks, limit < 0 {
            problems.append(ResourceProblem(spec.key, "spec.plan.maxWebhooks", "must be 0 or more, got \(limit)"))
            valid = false
        }
        var patterns: [EventPattern] = []
        for (index, text) in (spec.eventTypes ?? ["*"]).enumerated() {
            do {
                let pattern = try EventPattern(text)
                if !patterns.contains(pattern) { patterns.append(pattern) }
            } catch {
                problems.append(ResourceProblem(spec.key, "spec.plan.eventTypes[\(index)]", error.message))
                valid = false
            }
        }
        guard valid else { return nil }
        return Account(name: spec.name, plan: AccountPlan(maxWebhooks: spec.maxWebhooks, eventTypes: patterns), managed: true, createdAt: now)
    }

    private static func eventType(
        _ spec: EventTypeSpec, context: ValidationContext, now: Date, problems: inout [ResourceProblem]
    ) -> EventType? {
        var valid = true
        if let problem = Names.eventTypeProblem(spec.name) {
            problems.append(ResourceProblem(spec.key, "metadata.name", "event type name \(problem)"))
            valid = false
        } else if OperationalEvent.isOperational(spec.name) {
            problems.append(
                ResourceProblem(
                    spec.key, "metadata.name",
                    "\"\(OperationalEvent.reservedPrefix)*\" event types are hookd's own and cannot be declared"))
            valid = false
        }
        for problem in context.eventTypeProblems(spec.description, spec.schema, spec.example) {
            problems.append(ResourceProblem(spec.key, manifestPath(ofEventTypeField: problem.field), problem.description))
            valid = false
        }
        guard valid else { return nil }
        return EventType(
            name: spec.name, description: spec.description, schema: spec.schema, example: spec.example, managed: true,
            createdAt: now)
    }

    private static func webhook(
        _ spec: WebhookSpec, fields: WebhookFields, now: Date, problems: inout [ResourceProblem]
    ) -> DesiredWebhook? {
        var fields = fields
        let name = fields.name(spec.name)
        let url = fields.url(spec.url)
        let events = fields.events(spec.events)
        let secret = spec.secret.map { fields.secret($0) }
        let retry = spec.retry.map { fields.retry($0) } ?? RetrySchedule.standard
        let timeout = spec.timeout.map { fields.timeout($0) } ?? Webhook.defaultTimeout
        let rateLimit = fields.rateLimit(RateLimit(perSecond: spec.rateLimit ?? 0))
        let headers = fields.headers(spec.headers ?? [:])
        let labels = fields.labels(spec.labels ?? [:])
        let ordering = fields.ordering(spec.ordering ?? WebhookOrdering.unordered.rawValue)
        let signature = spec.signature.map { fields.signature($0) } ?? .standardWebhooks
        if let headers, let signature { fields.check(headers: headers, against: signature) }
        let filter = spec.filter.map { fields.filter($0, events: events) } ?? .some(nil)
        if let description = spec.description, let problem = DescriptionText.problem(description) {
            fields.problems.add("description", problem)
        }
        if let problem = Names.resourceNameProblem(spec.account) {
            problems.append(ResourceProblem(spec.key, "metadata.account", "account name \(problem)"))
        }
        var seen: Set<String> = []
        for (index, event) in spec.events.enumerated() where !seen.insert(event).inserted {
            problems.append(ResourceProblem(spec.key, "spec.events[\(index)]", "\"\(event)\" is listed twice"))
        }
        for violation in fields.problems.violations {
            problems.append(ResourceProblem(spec.key, manifestPath(ofWebhookField: violation.field), violation.description))
        }
        guard fields.problems.violations.isEmpty, seen.count == spec.events.count, let name, let url, let events, let retry, let timeout, let rateLimit,
            let headers, let labels, let ordering, let signature, let filter
        else { return nil }
        let enabled = spec.enabled ?? true
        var webhook = Webhook(
            account: spec.account, name: name, url: url, enabled: enabled,
            disabledReason: enabled ? nil : Self.disabledByManifest, events: events,
            secret: (secret ?? nil) ?? WebhookSecret.generate(), retry: retry, timeout: timeout, rateLimit: rateLimit,
            headers: headers, signature: signature, filter: filter, description: spec.description, labels: labels,
            managed: true, createdAt: now)
        webhook.ordering = ordering
        return DesiredWebhook(webhook: webhook, secretDeclared: spec.secret != nil)
    }

    /// An event type field named with a JSON Pointer into the example (`example/items/0/sku`)
    /// as the manifest path it sits at (`spec.example.items[0].sku`).
    static func manifestPath(ofEventTypeField field: String) -> String {
        let tokens = field.split(separator: "/", omittingEmptySubsequences: false)
        return tokens.dropFirst().reduce("spec." + tokens[0]) { path, token in
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            return Int(key) != nil ? path + "[\(key)]" : path + "." + key
        }
    }

    /// The reason kept for a webhook that a manifest declares with `enabled: false`.
    public static let disabledByManifest = "disabled by manifest"

    /// Where a field named by `WebhookFields` sits in a webhook manifest.
    static func manifestPath(ofWebhookField field: String) -> String {
        let renames = [
            ("name", "metadata.name"), ("labels", "metadata.labels"), ("retry", "spec.retry.schedule"),
        ]
        for (prefix, path) in renames where field == prefix || field.hasPrefix(prefix + ".") || field.hasPrefix(prefix + "[") {
            return path + field.dropFirst(prefix.count)
        }
        return "spec." + field
    }
}
