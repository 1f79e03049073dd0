import Foundation

/// Compares a validated desired state with the live configuration: the plan a reviewer
/// reads and the store writes that carry it out.
public enum ConfigurationPlanner {
    /// The plan and its writes, in the order the store must run them: webhook deletes,
    /// accounts, event types, webhook updates and creates, then event-type and account
    /// deletes (so nothing is deleted while still referred to).
    public static func plan(
        _ desired: ValidatedState, against live: ConfigurationSnapshot, prune: Bool, now: Date = Date()
    ) -> (plan: ConfigurationPlan, writes: [ConfigurationWrite]) {
        var builder = Builder(now: now)
        let declaredAccounts = Set(desired.accounts.map(\.name))
        let declaredEventTypes = Set(desired.eventTypes.map(\.name))
        let declaredWebhooks = Set(desired.webhooks.map { $0.webhook.qualifiedName })

        if prune {
            for webhook in live.webhooks where webhook.managed && !declaredWebhooks.contains(webhook.qualifiedName) {
                builder.delete(key(webhook), write: .deleteWebhook(webhook))
            }
        }
        // Each desired resource finds its live one by identity in a table, not by a scan of
        // the live state (which made planning 10,000 webhooks take 10^8 comparisons).
        let liveAccounts = Self.firstByKey(live.accounts) { $0.name }
        for account in desired.accounts {
            builder.reconcile(account, live: liveAccounts[account.name])
        }
        let liveEventTypes = Self.firstByKey(live.eventTypes) { $0.name }
        for eventType in desired.eventTypes {
            builder.reconcile(eventType, live: liveEventTypes[eventType.name])
        }
        let liveWebhooks = Self.firstByKey(live.webhooks) { key($0) }
        for webhook in desired.webhooks {
            builder.reconcile(webhook, live: liveWebhooks[key(webhook.webhook)])
        }
        if prune {
            for eventType in live.eventTypes
            where eventType.managed && !declaredEventTypes.contains(eventType.name) && !OperationalEvent.isOperational(eventType.name) {
                builder.delete(ResourceKey(kind: .eventType, name: eventType.name), write: .deleteEventType(name: eventType.name))
            }
            for account in live.accounts where account.managed && !declaredAccounts.contains(account.name) {
                builder.delete(ResourceKey(kind: .account, name: account.name), write: .deleteAccount(name: account.name))
            }
        }
        let changes = builder.changes.sorted { lhs, rhs in
            lhs.action.order != rhs.action.order ? lhs.action.order < rhs.action.order : lhs.key < rhs.key
        }
        let writes = builder.deletesFirst + builder.upserts + builder.deletesLast
        return (ConfigurationPlan(stateRevision: live.stateRevision, prune: prune, changes: changes), writes)
    }

    private static func key(_ webhook: Webhook) -> ResourceKey {
        ResourceKey(kind: .webhook, account: webhook.account, name: webhook.name)
    }

    /// `resources` by `key`, the first one where several share a key.
    private static func firstByKey<Key: Hashable, Resource>(
        _ resources: [Resource], _ key: (Resource) -> Key
    ) -> [Key: Resource] {
        var table: [Key: Resource] = Dictionary(minimumCapacity: resources.count)
        for resource in resources where table[key(resource)] == nil {
            table[key(resource)] = resource
        }
        return table
    }

    /// Collects changes and writes.
    private struct Builder {
        let now: Date
        var changes: [ResourceChange] = []
        var deletesFirst: [ConfigurationWrite] = []
        var upserts: [ConfigurationWrite] = []
        var deletesLast: [ConfigurationWrite] = []

        /// `true` for a live resource made by hand (the apply takes it over), else `nil`.
        static func adoption(_ managed: Bool) -> Bool? { managed ? nil : true }

        mutating func delete(_ key: ResourceKey, write: ConfigurationWrite) {
            changes.append(ResourceChange(action: .delete, key: key))
            if key.kind == .webhook { deletesFirst.append(write) } else { deletesLast.append(write) }
        }

        mutating func reconcile(_ account: Account, live: Account?) {
            let key = ResourceKey(kind: .account, name: account.name)
            guard let live else {
                changes.append(ResourceChange(action: .create, key: key, fields: PlanFields.creation(PlanFields.of(account))))
                upserts.append(.createAccount(account))
                return
            }
            let fields = PlanFields.changes(from: PlanFields.of(live), to: PlanFields.of(account))
            guard !fields.isEmpty || !live.managed else { return }
            var updated = live
            updated.plan = account.plan
            updated.managed = true
            changes.append(ResourceChange(action: .update, key: key, fields: fields, adopt: Self.adoption(live.managed)))
            upserts.append(.updateAccount(updated))
        }

        mutating func reconcile(_ eventType: EventType, live: EventType?) {
            let key = ResourceKey(kind: .eventType, name: eventType.name)
            guard let live else {
                changes.append(ResourceChange(action: .create, key: key, fields: PlanFields.creation(PlanFields.of(eventType))))
                upserts.append(.createEventType(eventType))
                return
            }
            let fields = PlanFields.changes(from: PlanFields.of(live), to: PlanFields.of(eventType))
            guard !fields.isEmpty || !live.managed else { return }
            var updated = live
            updated.description = eventType.description
            updated.schema = eventType.schema
            updated.example = eventType.example
            updated.managed = true
            changes.append(ResourceChange(action: .update, key: key, fields: fields, adopt: Self.adoption(live.managed)))
            upserts.append(.updateEventType(updated))
        }

        mutating func reconcile(_ desired: DesiredWebhook, live: Webhook?) {
            let webhook = desired.webhook
            let key = ConfigurationPlanner.key(webhook)
            guard let live else {
                var fields = PlanFields.creation(PlanFields.of(webhook, withSecret: desired.secretDeclared))
                if !desired.secretDeclared {
                    fields.append(FieldChange(field: "spec.secret", new: .string("(generated by hookd)")))
                }
                changes.append(ResourceChange(action: .create, key: key, fields: fields))
                upserts.append(.createWebhook(webhook))
                return
            }
            let fields = PlanFields.changes(
                from: PlanFields.of(live, withSecret: desired.secretDeclared),
                to: PlanFields.of(webhook, withSecret: desired.secretDeclared))
            guard !fields.isEmpty || !live.managed else { return }
            var updated = live
            updated.url = webhook.url
            if webhook.enabled != live.enabled {
                updated.enabled = webhook.enabled
                updated.disabledReason = webhook.disabledReason
            }
            updated.events = webhook.events
            if desired.secretDeclared && webhook.secret != live.secret {
                updated.secret = webhook.secret
                updated.previousSecret = nil
                updated.previousSecretExpiresAt = nil
            }
            updated.timeout = webhook.timeout
            updated.retry = webhook.retry
            updated.rateLimit = webhook.rateLimit
            updated.headers = webhook.headers
            updated.description = webhook.description
            updated.labels = webhook.labels
            updated.ordering = webhook.ordering
            updated.signature = webhook.signature
            updated.filter = webhook.filter
            updated.managed = true
            updated.updatedAt = now
            let drift = !live.enabled && webhook.enabled ? "disabled outside the manifests (\(live.disabledReason ?? "no reason kept"))" : nil
            changes.append(
                ResourceChange(action: .update, key: key, fields: fields, drift: drift, adopt: Self.adoption(live.managed)))
            upserts.append(.updateWebhook(updated))
        }
    }
}

extension ChangeAction {
    /// Plans list creates, then updates, then deletes.
    var order: Int {
        switch self {
        case .create: 0
        case .update: 1
        case .delete: 2
        }
    }
}
