import HookdCore
internal import PostgresNIO

extension PostgresStore {
    public func createAccount(_ account: Account) async throws {
        try await write { session in
            try await Self.insertAccount(account, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    static func insertAccount(_ account: Account, in session: PostgresSession) async throws {
        let record = try AccountRecord(account)
        let inserted = try await session.count(
            """
            INSERT INTO accounts (name, plan_max_webhooks, plan_event_types, managed, created)
            VALUES (\(record.name), \(record.planMaxWebhooks), \(record.planEventTypes), \(record.managed), \(record.created))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """)
        guard inserted > 0 else { throw HookdError.alreadyExists(.account, account.name) }
    }

    public func updateAccount(_ account: Account) async throws {
        try await write { session in
            try await Self.replaceAccount(account, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    static func replaceAccount(_ account: Account, in session: PostgresSession) async throws {
        let record = try AccountRecord(account)
        let updated = try await session.count(
            """
            UPDATE accounts SET plan_max_webhooks = \(record.planMaxWebhooks),
                plan_event_types = \(record.planEventTypes), managed = \(record.managed)
            WHERE name = \(record.name) RETURNING name
            """)
        guard updated > 0 else { throw HookdError.notFound(.account, account.name) }
    }

    public func account(named name: String) async throws -> Account? {
        try await read { session in
            try await session.row("SELECT * FROM accounts WHERE name = \(name)").map { try AccountRecord(row: $0).account() }
        }
    }

    public func accounts() async throws -> [Account] {
        try await read { session in try await Self.accounts(session) }
    }

    static func accounts(_ session: PostgresSession) async throws -> [Account] {
        try await session.rows("SELECT * FROM accounts ORDER BY name").map { try AccountRecord(row: $0).account() }
    }

    public func deleteAccount(named name: String) async throws {
        try await write { session in
            try await Self.removeAccount(name, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    static func removeAccount(_ name: String, in session: PostgresSession) async throws {
        guard try await session.row("SELECT 1 FROM accounts WHERE name = \(name)") != nil else {
            throw HookdError.notFound(.account, name)
        }
        let webhooks = try await session.rows("SELECT name FROM webhooks WHERE account = \(name) ORDER BY name")
            .map { try $0.get("name", as: String.self) }
        guard webhooks.isEmpty else { throw HookdError.accountHasWebhooks(name, webhooks: webhooks) }
        try await session.execute("DELETE FROM accounts WHERE name = \(name)")
    }
}
