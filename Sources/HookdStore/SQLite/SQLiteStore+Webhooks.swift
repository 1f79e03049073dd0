internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Adds a webhook; `NOT_FOUND` for an unknown account, `ALREADY_EXISTS` when the account
    /// already has one of that name, `FAILED_PRECONDITION` (`hookd.PlanLimitExceeded`) when
    /// the account's plan allows no more webhooks.
    public func createWebhook(_ webhook: Webhook) async throws {
        try await database.write { db in
            try Self.insertWebhook(webhook, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `createWebhook` inside a caller's transaction (no revision change).
    static func insertWebhook(_ webhook: Webhook, in db: Database) throws {
        if try WebhookRecord.exists(db, key: webhook.id) {
            throw HookdError.alreadyExists(.webhook, webhook.id)
        }
        try Self.checkRoom(for: webhook, in: db)
        try WebhookRecord(webhook).insert(db)
    }

    /// Replaces the webhook with the same `id` (its creation date stays); `NOT_FOUND` when
    /// absent. Moving it to another account or name is checked like a creation there.
    public func updateWebhook(_ webhook: Webhook) async throws {
        try await database.write { db in
            try Self.replaceWebhook(webhook, in: db)
            try StateRevision.advance(db)
        }
    }

    /// The body of `updateWebhook` inside a caller's transaction (no revision change).
    static func replaceWebhook(_ webhook: Webhook, in db: Database) throws {
        guard let stored = try WebhookRecord.fetchOne(db, key: webhook.id) else {
            throw HookdError.notFound(.webhook, webhook.qualifiedName)
        }
        if stored.account != webhook.account || stored.name != webhook.name {
            try Self.checkRoom(for: webhook, in: db)
        }
        var record = try WebhookRecord(webhook)
        record.created = stored.created
        try record.update(db)
        if stored.ordering != record.ordering {
            // Its waiting deliveries now go out as the new ordering says (see `DeliveryQueue`).
            try db.execute(
                sql: "UPDATE deliveries SET fifo = ? WHERE webhook_id = ? AND status IN ('pending', 'scheduled')",
                arguments: [webhook.ordering == .fifo, webhook.id])
        }
    }

    /// The webhook with this id, if any.
    public func webhook(id: String) async throws -> Webhook? {
        try await database.read { db in
            try WebhookRecord.fetchOne(db, key: id)?.webhook()
        }
    }

    /// The webhooks with this name in any account, by account.
    public func webhooks(named name: String) async throws -> [Webhook] {
        try await database.read { db in
            try WebhookRecord.filter { $0.name == name }.order(\.account).fetchAll(db).map { try $0.webhook() }
        }
    }

    /// All webhooks, or those of one account, by account then name.
    public func webhooks(account: String?) async throws -> [Webhook] {
        try await database.read { db in
            var request = WebhookRecord.all()
            if let account {
                request = request.filter { $0.account == account }
            }
            return try request.order { [$0.account, $0.name] }.fetchAll(db).map { try $0.webhook() }
        }
    }

    /// Removes a webhook; its deliveries and their attempts go with it (foreign-key
    /// cascades). `NOT_FOUND` when absent.
    public func deleteWebhook(id: String) async throws {
        try await database.write { db in
            guard try WebhookRecord.deleteOne(db, key: id) else {
                throw HookdError.notFound(.webhook, id)
            }
            try StateRevision.advance(db)
        }
    }

    /// Checks that `webhook` may take its (account, name): the account exists, the name is
    /// free there, and the plan has room for one more.
    private static func checkRoom(for webhook: Webhook, in db: Database) throws {
        guard let account = try AccountRecord.fetchOne(db, key: webhook.account) else {
            throw HookdError.notFound(.account, webhook.account)
        }
        let siblings = WebhookRecord.filter { $0.account == webhook.account }
        if try siblings.filter({ $0.name == webhook.name }).isEmpty(db) == false {
            throw HookdError.alreadyExists(.webhook, webhook.qualifiedName)
        }
        if let limit = account.planMaxWebhooks,
            try siblings.filter({ $0.id != webhook.id }).fetchCount(db) >= limit
        {
            throw HookdError.planLimitExceeded(account: webhook.account, maxWebhooks: limit)
        }
    }
}
