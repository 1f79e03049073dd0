import HookdCore
internal import PostgresNIO

/// The webhooks of each account (and by id) as one transaction has read or changed them,
/// loaded once per transaction however many events the batch holds (`FanOut` on SQLite;
/// `WebhooksSeen` keeps them).
struct PostgresFanOut {
    /// Opens the webhooks' secrets when the store seals them.
    let sealer: SecretSealer?
    private var seen = WebhooksSeen()

    init(sealer: SecretSealer?) {
        self.sealer = sealer
    }

    mutating func webhooks(of account: String, in session: PostgresSession) async throws -> [Webhook] {
        if let known = seen.webhooks(of: account) { return known }
        let webhooks = try await PostgresStore.webhooks(account: account, sealer: sealer, in: session)
        seen.read(webhooks, of: account)
        return webhooks
    }

    /// One webhook by id; `nil` when gone.
    mutating func webhook(id: String, in session: PostgresSession) async throws -> Webhook? {
        if let known = seen.webhook(id: id) { return known }
        let webhook = try await PostgresStore.webhook(id: id, sealer: sealer, in: session)
        seen.read(webhook, id: id)
        return webhook
    }

    /// Notes a webhook this transaction changed, so later reads in it see the change.
    mutating func changed(_ webhook: Webhook) {
        seen.changed(webhook)
    }
}
