internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Every account, event type and webhook with the state revision, from one snapshot.
    public func configurationSnapshot() async throws -> ConfigurationSnapshot {
        let sealer = secretSealer
        return try await database.read { db in try Self.snapshot(db, sealer: sealer) }
    }

    /// Plans against the live configuration and performs the writes in one transaction.
    public func applyConfiguration<Outcome: Sendable>(
        _ plan: @escaping @Sendable (ConfigurationSnapshot) throws -> (writes: [ConfigurationWrite], outcome: Outcome)
    ) async throws -> (stateRevision: Int64, outcome: Outcome) {
        let sealer = secretSealer
        return try await database.write { db in
            let (writes, outcome) = try plan(try Self.snapshot(db, sealer: sealer))
            var counts = WebhookCounts()
            for write in writes {
                try Self.perform(write, sealer: sealer, in: db, counts: &counts)
            }
            if !writes.isEmpty {
                try StateRevision.advance(db)
            }
            return (try StateRevision.current(db), outcome)
        }
    }

    private static func snapshot(_ db: Database, sealer: SecretSealer?) throws -> ConfigurationSnapshot {
        ConfigurationSnapshot(
            stateRevision: try StateRevision.current(db),
            accounts: try AccountRecord.order(\.name).fetchAll(db).map { try $0.account() },
            eventTypes: try EventTypeRecord.order(\.name).fetchAll(db).map { try $0.eventType() },
            webhooks: try WebhookRecord.order { [$0.account, $0.name] }.fetchAll(db).map { try $0.webhook(sealer: sealer) })
    }

    private static func perform(
        _ write: ConfigurationWrite, sealer: SecretSealer?, in db: Database, counts: inout WebhookCounts
    ) throws {
        switch write {
        case .createAccount(let account): try insertAccount(account, in: db)
        case .updateAccount(let account): try replaceAccount(account, in: db)
        case .deleteAccount(let name): try removeAccount(name, in: db)
        case .createEventType(let eventType): try insertEventType(eventType, in: db)
        case .updateEventType(let eventType): try replaceEventType(eventType, in: db)
        case .deleteEventType(let name): try removeEventType(name, in: db)
        case .createWebhook(let webhook): try insertWebhook(webhook, sealer: sealer, in: db, counts: &counts)
        case .updateWebhook(let webhook): try replaceWebhook(webhook, sealer: sealer, in: db, counts: &counts)
        case .deleteWebhook(let webhook):
            try db.cachedStatement(sql: "DELETE FROM webhooks WHERE id = ?").execute(arguments: [webhook.id])
            guard db.changesCount > 0 else {
                throw HookdError.notFound(.webhook, webhook.qualifiedName)
            }
            counts.removed(from: webhook.account)
        }
    }
}
