internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Adds an account; `ALREADY_EXISTS` when the name is taken.
    public func createAccount(_ account: Account) async throws {
        try await database.write { db in
            try Self.insertAccount(account, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `createAccount` inside a caller's transaction (no revision change).
    static func insertAccount(_ account: Account, in db: Database) throws {
        if try AccountRecord.exists(db, key: account.name) {
            throw HookdError.alreadyExists(.account, account.name)
        }
        try AccountRecord(account).insert(db)
    }

    /// Replaces an account's plan and managed flag (its creation date stays); `NOT_FOUND`
    /// when absent.
    public func updateAccount(_ account: Account) async throws {
        try await database.write { db in
            try Self.replaceAccount(account, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `updateAccount` inside a caller's transaction (no revision change).
    static func replaceAccount(_ account: Account, in db: Database) throws {
        guard var record = try AccountRecord.fetchOne(db, key: account.name) else {
            throw HookdError.notFound(.account, account.name)
        }
        let replacement = try AccountRecord(account)
        record.planMaxWebhooks = replacement.planMaxWebhooks
        record.planEventTypes = replacement.planEventTypes
        record.managed = replacement.managed
        try record.update(db)
    }

    /// The account with this name, if any.
    public func account(named name: String) async throws -> Account? {
        try await database.read { db in
            try AccountRecord.fetchOne(db, key: name)?.account()
        }
    }

    /// All accounts, by name.
    public func accounts() async throws -> [Account] {
        try await database.read { db in
            try AccountRecord.order(\.name).fetchAll(db).map { try $0.account() }
        }
    }

    /// Removes an account; `NOT_FOUND` when absent, `FAILED_PRECONDITION`
    /// (`hookd.AccountHasWebhooks`) while it still has webhooks.
    public func deleteAccount(named name: String) async throws {
        try await database.write { db in
            try Self.removeAccount(name, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `deleteAccount` inside a caller's transaction (no revision change).
    static func removeAccount(_ name: String, in db: Database) throws {
        guard try AccountRecord.exists(db, key: name) else {
            throw HookdError.notFound(.account, name)
        }
        let webhooks = try WebhookRecord.filter { $0.account == name }.order(\.name)
            .select(\.name, as: String.self).fetchAll(db)
        guard webhooks.isEmpty else {
            throw HookdError.accountHasWebhooks(name, webhooks: webhooks)
        }
        try AccountRecord.deleteOne(db, key: name)
    }
}
