internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Adds a webhook; `NOT_FOUND` for an unknown account, `ALREADY_EXISTS` when the account
    /// already has one of that name, `FAILED_PRECONDITION` (`hookd.PlanLimitExceeded`) when
    /// the account's plan allows no more webhooks.
    public func createWebhook(_ webhook: Webhook) async throws {
        try await database.write { db in
            var counts = WebhookCounts()
            try Self.insertWebhook(webhook, sealer: self.secretSealer, in: db, counts: &counts)
            try StateRevision.advance(db)
        }
    }

    /// The body of `createWebhook` inside a caller's transaction (no revision change);
    /// `counts` carries the webhooks per account from one write of the transaction to the next.
    static func insertWebhook(
        _ webhook: Webhook, sealer: SecretSealer?, in db: Database, counts: inout WebhookCounts
    ) throws {
        let existing = try db.cachedStatement(sql: "SELECT 1 FROM webhooks WHERE id = ?")
        if try Bool.fetchOne(existing, arguments: [webhook.id]) != nil {
            throw HookdError.alreadyExists(.webhook, webhook.id)
        }
        try Self.checkRoom(for: webhook, movingFrom: nil, in: db, counts: &counts)
        let insert = try db.cachedStatement(sql: WebhookRecord.insertSQL)
        try insert.execute(arguments: try WebhookRecord(webhook, sealer: sealer).insertArguments)
        counts.added(to: webhook.account)
    }

    /// Replaces the webhook with the same `id` (its creation date stays); `NOT_FOUND` when
    /// absent. Moving it to another account or name is checked like a creation there.
    public func updateWebhook(_ webhook: Webhook) async throws {
        try await database.write { db in
            var counts = WebhookCounts()
            try Self.replaceWebhook(webhook, sealer: self.secretSealer, in: db, counts: &counts)
            try StateRevision.advance(db)
        }
    }

    /// The body of `updateWebhook` inside a caller's transaction (no revision change);
    /// `counts` carries the webhooks per account from one write of the transaction to the next.
    static func replaceWebhook(
        _ webhook: Webhook, sealer: SecretSealer?, in db: Database, counts: inout WebhookCounts
    ) throws {
        let lookup = try db.cachedStatement(sql: "SELECT account, name, created, ordering FROM webhooks WHERE id = ?")
        guard let stored = try Row.fetchOne(lookup, arguments: [webhook.id]) else {
            throw HookdError.notFound(.webhook, webhook.qualifiedName)
        }
        let storedAccount: String = stored["account"]
        let storedName: String = stored["name"]
        if storedAccount != webhook.account || storedName != webhook.name {
            try Self.checkRoom(for: webhook, movingFrom: storedAccount, in: db, counts: &counts)
        }
        var record = try WebhookRecord(webhook, sealer: sealer)
        record.created = stored["created"]
        try record.update(db)
        if storedAccount != webhook.account {
            counts.removed(from: storedAccount)
            counts.added(to: webhook.account)
        }
        let storedOrdering: String = stored["ordering"]
        if storedOrdering != record.ordering {
            // Its waiting deliveries now go out as the new ordering says (see `DeliveryQueue`).
            try db.execute(
                sql: "UPDATE deliveries SET fifo = ? WHERE webhook_id = ? AND status IN ('pending', 'scheduled')",
                arguments: [webhook.ordering == .fifo, webhook.id])
        }
    }

    /// The webhook with this id, if any.
    public func webhook(id: String) async throws -> Webhook? {
        try await database.read { db in
            try WebhookRecord.fetchOne(db, key: id)?.webhook(sealer: self.secretSealer)
        }
    }

    /// The webhooks with this name in any account, by account.
    public func webhooks(named name: String) async throws -> [Webhook] {
        try await database.read { db in
            try WebhookRecord.filter { $0.name == name }.order(\.account).fetchAll(db).map { try $0.webhook(sealer: self.secretSealer) }
        }
    }

    /// All webhooks, or those of one account, by account then name.
    public func webhooks(account: String?) async throws -> [Webhook] {
        try await database.read { db in
            var request = WebhookRecord.all()
            if let account {
                request = request.filter { $0.account == account }
            }
            return try request.order { [$0.account, $0.name] }.fetchAll(db).map { try $0.webhook(sealer: self.secretSealer) }
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
    /// free there, and the plan has room for one more. `movingFrom` is the account the
    /// webhook is stored in now, `nil` for a new one.
    ///
    /// Its statements are cached: an apply runs them once per webhook it writes.
    private static func checkRoom(
        for webhook: Webhook, movingFrom storedAccount: String?, in db: Database, counts: inout WebhookCounts
    ) throws {
        let account = try db.cachedStatement(sql: "SELECT plan_max_webhooks FROM accounts WHERE name = ?")
        guard let plan = try Row.fetchOne(account, arguments: [webhook.account]) else {
            throw HookdError.notFound(.account, webhook.account)
        }
        let sibling = try db.cachedStatement(sql: "SELECT 1 FROM webhooks WHERE account = ? AND name = ?")
        if try Bool.fetchOne(sibling, arguments: [webhook.account, webhook.name]) != nil {
            throw HookdError.alreadyExists(.webhook, webhook.qualifiedName)
        }
        if let limit: Int = plan["plan_max_webhooks"] {
            // The account's webhooks other than this one (a rename within the account keeps its place).
            let others = try counts.count(in: webhook.account, db) - (storedAccount == webhook.account ? 1 : 0)
            if others >= limit {
                throw HookdError.planLimitExceeded(account: webhook.account, maxWebhooks: limit)
            }
        }
    }
}
