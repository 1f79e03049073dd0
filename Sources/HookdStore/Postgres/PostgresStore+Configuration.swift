import HookdCore
internal import PostgresNIO

extension PostgresStore {
    public func configurationSnapshot() async throws -> ConfigurationSnapshot {
        try await read { session in try await Self.snapshot(session, sealer: self.secretSealer) }
    }

    /// Plans against the live configuration and performs the writes in one transaction; the
    /// writer lock keeps any other write (an apply on another daemon included) out meanwhile.
    public func applyConfiguration<Outcome: Sendable>(
        _ plan: @escaping @Sendable (ConfigurationSnapshot) throws -> (writes: [ConfigurationWrite], outcome: Outcome)
    ) async throws -> (stateRevision: Int64, outcome: Outcome) {
        let sealer = secretSealer
        return try await write { session in
            let (writes, outcome) = try plan(try await Self.snapshot(session, sealer: sealer))
            for write in writes {
                try await Self.perform(write, sealer: sealer, in: session)
            }
            if !writes.isEmpty { try await Self.advanceStateRevision(session) }
            return (try await Self.stateRevision(session), outcome)
        }
    }

    private static func snapshot(_ session: PostgresSession, sealer: SecretSealer?) async throws -> ConfigurationSnapshot {
        ConfigurationSnapshot(
            stateRevision: try await stateRevision(session), accounts: try await accounts(session),
            eventTypes: try await eventTypes(session),
            webhooks: try await webhooks(account: nil, sealer: sealer, in: session))
    }

    private static func perform(_ write: ConfigurationWrite, sealer: SecretSealer?, in session: PostgresSession) async throws {
        switch write {
        case .createAccount(let account): try await insertAccount(account, in: session)
        case .updateAccount(let account): try await replaceAccount(account, in: session)
        case .deleteAccount(let name): try await removeAccount(name, in: session)
        case .createEventType(let eventType): try await insertEventType(eventType, in: session)
        case .updateEventType(let eventType): try await replaceEventType(eventType, in: session)
        case .deleteEventType(let name): try await removeEventType(name, in: session)
        case .createWebhook(let webhook): try await insertWebhook(webhook, sealer: sealer, in: session)
        case .updateWebhook(let webhook): try await replaceWebhook(webhook, sealer: sealer, in: session)
        case .deleteWebhook(let webhook):
            guard try await session.count("DELETE FROM webhooks WHERE id = \(webhook.id) RETURNING id") > 0 else {
                throw HookdError.notFound(.webhook, webhook.qualifiedName)
            }
        }
    }
}
