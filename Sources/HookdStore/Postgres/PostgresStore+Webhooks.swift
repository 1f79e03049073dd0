import HookdCore
internal import PostgresNIO

extension PostgresStore {
    public func createWebhook(_ webhook: Webhook) async throws {
        try await write { session in
            try await Self.insertWebhook(webhook, sealer: self.secretSealer, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    static func insertWebhook(_ webhook: Webhook, sealer: SecretSealer?, in session: PostgresSession) async throws {
        if try await session.row("SELECT 1 FROM webhooks WHERE id = \(webhook.id)") != nil {
            throw HookdError.alreadyExists(.webhook, webhook.id)
        }
        try await checkRoom(for: webhook, movingFrom: nil, in: session)
        let r = try WebhookRecord(webhook, sealer: sealer)
        try await session.execute(
            """
            INSERT INTO webhooks (id, account, name, url, enabled, disabled_reason, events, secret, previous_secret,
                previous_secret_expires, retry, timeout_ms, rate_limit_per_second, ordering, headers, signature, filter,
                description, labels, managed, created, updated)
            VALUES (\(r.id), \(r.account), \(r.name), \(r.url), \(r.enabled), \(r.disabledReason), \(r.events),
                \(r.secret), \(r.previousSecret), \(r.previousSecretExpires), \(r.retry), \(r.timeoutMs),
                \(r.rateLimitPerSecond), \(r.ordering), \(r.headers), \(r.signature), \(r.filter), \(r.description),
                \(r.labels), \(r.managed), \(r.created), \(r.updated))
            """)
    }

    public func updateWebhook(_ webhook: Webhook) async throws {
        try await write { session in
            try await Self.replaceWebhook(webhook, sealer: self.secretSealer, in: session)
            try await Self.advanceStateRevision(session)
        }
    }

    /// Replaces the webhook with the same id, keeping its creation date; a move to another
    /// account or name is checked like a creation there, and a change of ordering re-marks its
    /// waiting deliveries.
    static func replaceWebhook(_ webhook: Webhook, sealer: SecretSealer?, in session: PostgresSession) async throws {
        guard
            let stored = try await session.row(
                "SELECT account, name, ordering FROM webhooks WHERE id = \(webhook.id) FOR UPDATE")
        else { throw HookdError.notFound(.webhook, webhook.qualifiedName) }
        let storedAccount = try stored.get("account", as: String.self)
        let storedName = try stored.get("name", as: String.self)
        if storedAccount != webhook.account || storedName != webhook.name {
            try await checkRoom(for: webhook, movingFrom: storedAccount, in: session)
        }
        let r = try WebhookRecord(webhook, sealer: sealer)
        try await session.execute(
            """
            UPDATE webhooks SET account = \(r.account), name = \(r.name), url = \(r.url), enabled = \(r.enabled),
                disabled_reason = \(r.disabledReason), events = \(r.events), secret = \(r.secret),
                previous_secret = \(r.previousSecret), previous_secret_expires = \(r.previousSecretExpires),
                retry = \(r.retry), timeout_ms = \(r.timeoutMs), rate_limit_per_second = \(r.rateLimitPerSecond),
                ordering = \(r.ordering), headers = \(r.headers), signature = \(r.signature), filter = \(r.filter),
                description = \(r.description), labels = \(r.labels), managed = \(r.managed), updated = \(r.updated)
            WHERE id = \(r.id)
            """)
        if try stored.get("ordering", as: String.self) != r.ordering {
            try await session.execute(
                """
                UPDATE deliveries SET fifo = \(webhook.ordering == .fifo)
                WHERE webhook_id = \(webhook.id) AND status IN ('pending', 'scheduled')
                """)
        }
    }

    public func webhook(id: String) async throws -> Webhook? {
        try await read { session in try await Self.webhook(id: id, sealer: self.secretSealer, in: session) }
    }

    static func webhook(id: String, sealer: SecretSealer?, in session: PostgresSession) async throws -> Webhook? {
        try await session.row("SELECT * FROM webhooks WHERE id = \(id)").map {
            try WebhookRecord(row: $0).webhook(sealer: sealer)
        }
    }

    public func webhooks(named name: String) async throws -> [Webhook] {
        try await read { session in
            try await session.rows("SELECT * FROM webhooks WHERE name = \(name) ORDER BY account")
                .map { try WebhookRecord(row: $0).webhook(sealer: self.secretSealer) }
        }
    }

    public func webhooks(account: String?) async throws -> [Webhook] {
        try await read { session in try await Self.webhooks(account: account, sealer: self.secretSealer, in: session) }
    }

    static func webhooks(account: String?, sealer: SecretSealer?, in session: PostgresSession) async throws -> [Webhook] {
        let rows =
            if let account {
                try await session.rows("SELECT * FROM webhooks WHERE account = \(account) ORDER BY name")
            } else {
                try await session.rows("SELECT * FROM webhooks ORDER BY account, name")
            }
        return try rows.map { try WebhookRecord(row: $0).webhook(sealer: sealer) }
    }

    public func deleteWebhook(id: String) async throws {
        try await write { session in
            guard try await session.count("DELETE FROM webhooks WHERE id = \(id) RETURNING id") > 0 else {
                throw HookdError.notFound(.webhook, id)
            }
            try await Self.advanceStateRevision(session)
        }
    }

    public func filteredEventCount(webhookId: String) async throws -> Int {
        try await read { session in
            try await session.value(Int.self, "SELECT filtered FROM webhook_filter_counts WHERE webhook_id = \(webhookId)")
                ?? 0
        }
    }

    /// Checks that `webhook` may take its (account, name): the account exists, the name is
    /// free there, and the plan has room. Writes are serialized, so the count holds until commit.
    private static func checkRoom(
        for webhook: Webhook, movingFrom storedAccount: String?, in session: PostgresSession
    ) async throws {
        guard
            let plan = try await session.row("SELECT plan_max_webhooks FROM accounts WHERE name = \(webhook.account)")
        else { throw HookdError.notFound(.account, webhook.account) }
        if try await session.row(
            "SELECT 1 FROM webhooks WHERE account = \(webhook.account) AND name = \(webhook.name)") != nil
        {
            throw HookdError.alreadyExists(.webhook, webhook.qualifiedName)
        }
        if let limit = try plan.get("plan_max_webhooks", as: Int?.self) {
            let count = try await session.value(Int.self, "SELECT COUNT(*) FROM webhooks WHERE account = \(webhook.account)") ?? 0
            let others = count - (storedAccount == webhook.account ? 1 : 0)
            if others >= limit { throw HookdError.planLimitExceeded(account: webhook.account, maxWebhooks: limit) }
        }
    }
}
