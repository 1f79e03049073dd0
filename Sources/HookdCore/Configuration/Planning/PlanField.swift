
/// One comparable field of a resource, as the plan shows it.
struct PlanField: Equatable {
    enum Value: Equatable {
        /// Compared and shown as is; `.null` means unset.
        case json(JSONValue)
        /// A list whose order means nothing: reordering is no change.
        case items([String])
        /// A secret, compared by fingerprint and never shown.
        case sensitive(fingerprint: String)
    }

    var name: String
    var value: Value

    init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    init(_ name: String, _ json: JSONValue) {
        self.init(name, .json(json))
    }

    /// Unset or empty, so a create does not list it.
    var isUnset: Bool {
        switch value {
        case .json(.null): true
        case .json(.object(let members)): members.isEmpty
        case .items(let items): items.isEmpty
        default: false
        }
    }

    /// The field as a create lists it.
    var creation: FieldChange {
        switch value {
        case .json(let json): FieldChange(field: name, new: json)
        case .items(let items): FieldChange(field: name, added: items)
        case .sensitive: FieldChange(field: name, sensitive: true)
        }
    }

    /// How the field changes from `old` to this, or `nil` when it does not.
    func change(from old: PlanField?) -> FieldChange? {
        switch (old?.value, value) {
        case (.json(let before)?, .json(let after)):
            return before == after ? nil : FieldChange(field: name, old: before, new: after)
        case (.items(let before)?, .items(let after)):
            let added = after.filter { !before.contains($0) }
            let removed = before.filter { !after.contains($0) }
            return added.isEmpty && removed.isEmpty ? nil : FieldChange(field: name, added: added, removed: removed)
        case (.sensitive(let before)?, .sensitive(let after)):
            return before == after ? nil : FieldChange(field: name, sensitive: true)
        case (nil, _):
            return isUnset ? nil : creation
        default:
            return creation
        }
    }
}

/// The fields the plan compares for each kind, in the order it lists them.
enum PlanFields {
    static func of(_ account: Account) -> [PlanField] {
        [
            PlanField("spec.plan.maxWebhooks", account.plan.maxWebhooks.map { .int(Int64($0)) } ?? .null),
            PlanField("spec.plan.eventTypes", .items(account.plan.eventTypes.map(\.text))),
        ]
    }

    static func of(_ eventType: EventType) -> [PlanField] {
        [
            PlanField("spec.description", eventType.description.map(JSONValue.string) ?? .null),
            PlanField("spec.schema", eventType.schema ?? .null),
            PlanField("spec.example", eventType.example ?? .null),
        ]
    }

    /// A webhook's fields; the secret only when `withSecret` (a manifest that names none
    /// keeps whatever secret the webhook has).
    static func of(_ webhook: Webhook, withSecret: Bool) -> [PlanField] {
        var fields = [
            PlanField("spec.url", .string(webhook.url)),
            PlanField("spec.enabled", .bool(webhook.enabled)),
            PlanField("spec.events", .items(webhook.events.map(\.text))),
        ]
        if withSecret {
            fields.append(PlanField("spec.secret", .sensitive(fingerprint: webhook.secret.fingerprint)))
        }
        fields += [
            PlanField("spec.timeout", .string(webhook.timeout.description)),
            PlanField("spec.retry.schedule", .array(webhook.retry.delays.map { .string($0.description) })),
            PlanField("spec.rateLimit.perSecond", webhook.rateLimit.map { .int(Int64($0.perSecond)) } ?? .null),
            PlanField("spec.headers", .object(webhook.headers.mapValues(JSONValue.string))),
            PlanField("spec.description", webhook.description.map(JSONValue.string) ?? .null),
            PlanField("metadata.labels", .object(webhook.labels.mapValues(JSONValue.string))),
            PlanField("spec.ordering", .string(webhook.ordering.rawValue)),
            PlanField("spec.signature", webhook.signature.settings?.json ?? .null),
            PlanField("spec.filter", webhook.filter?.json ?? .null),
        ]
        return fields
    }

    /// The changes from `old` to `new`, field by field.
    static func changes(from old: [PlanField], to new: [PlanField]) -> [FieldChange] {
        new.compactMap { field in field.change(from: old.first { $0.name == field.name }) }
    }

    /// What a create lists: every field that is set.
    static func creation(_ fields: [PlanField]) -> [FieldChange] {
        fields.filter { !$0.isUnset }.map(\.creation)
    }
}
