import Foundation
import HookdCore
import HookdDelivery
import HookdStore

/// What the RPC handlers work with: the store, the delivery engine and the daemon's
/// settings.
struct DaemonServices: Sendable {
    let store: any Store
    let engine: DeliveryEngine
    let configuration: DaemonConfiguration
    let startedAt: Date
    /// Compiled event-type schemas, shared by every handler.
    let schemas = SchemaCache()
    /// The last storage fault a call met, for `Daemon.Health`.
    let storageHealth = StorageHealth()

    var policy: TargetPolicy { configuration.targetPolicy }

    /// Finds a webhook by `NAME` (unique across accounts) or `ACCOUNT/NAME`.
    func webhook(_ reference: String) async throws -> Webhook {
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        let name = parts.last ?? reference
        let candidates = try await store.webhooks(named: name)
        if parts.count == 2 {
            guard let match = candidates.first(where: { $0.account == parts[0] }) else {
                let known = try await store.webhooks(account: nil).map(\.qualifiedName)
                throw HookdError.notFound(.webhook, reference, among: known)
            }
            return match
        }
        switch candidates.count {
        case 0:
            throw HookdError.notFound(.webhook, reference, among: try await store.webhooks(account: nil).map(\.name))
        case 1:
            return candidates[0]
        default:
            let accounts = candidates.map(\.account).sorted().joined(separator: ", ")
            throw HookdError(
                .invalidArgument, reason: "hookd.AmbiguousWebhook",
                "webhook name \"\(name)\" exists in accounts \(accounts); use ACCOUNT/NAME",
                violations: [Violation(field: "webhook", description: "ambiguous: name exists in \(accounts)")])
        }
    }

    /// The account, or `NOT_FOUND`.
    func account(_ name: String) async throws -> Account {
        guard let account = try await store.account(named: name) else {
            throw HookdError.notFound(.account, name, among: try await store.accounts().map(\.name))
        }
        return account
    }

    /// The names of all catalog event types (hookd's own included).
    func knownEventTypes() async throws -> Set<String> {
        Set(try await store.eventTypes().map(\.name))
    }

    /// The data schemas of the catalog's event types that have one, by name.
    func eventSchemas() async throws -> [String: JSONValue] {
        try await store.eventTypes().reduce(into: [:]) { schemas, type in schemas[type.name] = type.schema }
    }

    /// Puts hookd's own event types in the catalog when missing, so webhooks can subscribe
    /// to them by name.
    static func registerOperationalEventTypes(in store: any Store) async throws {
        for (name, description) in OperationalEvent.catalog where try await store.eventType(named: name) == nil {
            try await store.createEventType(EventType(name: name, description: description, createdAt: Date()))
        }
    }

    /// A `limit` param checked against 1...1000, defaulting to 50.
    static func limit(_ value: Int?) throws(HookdError) -> Int {
        let limit = value ?? 50
        guard (1...1000).contains(limit) else { throw .invalidField("limit", "must be between 1 and 1000") }
        return limit
    }
}
