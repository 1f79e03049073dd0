import HookdCore
internal import PostgresNIO

/// The webhooks of each account (and by id) as one transaction has read or changed them,
/// loaded once per transaction however many events the batch holds (`FanOut` on SQLite).
struct PostgresFanOut {
    /// Opens the webhooks' secrets when the store seals them.
    let sealer: SecretSealer?
    private var byAccount: [String: [Webhook]] = [:]
    private var byId: [String: Webhook?] = [:]

    init(sealer: SecretSealer?) {
        self.sealer = sealer
    }

    mutating func webhooks(of account: String, in session: PostgresSession) async throws -> [Webhook] {
        if let known = byAccount[account] { return known }
        let webhooks = try await PostgresStore.webhooks(account: account, sealer: sealer, in: session)
        byAccount[account] = webhooks
        return webhooks
    }

    /// One webhook by id; `nil` when gone.
    mutating func webhook(id: String, in session: PostgresSession) async throws -> Webhook? {
        if let known = byId[id] { return known }
        let webhook = try await PostgresStore.webhook(id: id, sealer: sealer, in: session)
        byId[id] = .some(webhook)
        return webhook
    }

    /// Notes a webhook this transaction changed, so later reads in it see the change.
    mutating func changed(_ webhook: Webhook) {
        byId[webhook.id] = .some(webhook)
        if var list = byAccount[webhook.account], let index = list.firstIndex(where: { $0.id == webhook.id }) {
            list[index] = webhook
            byAccount[webhook.account] = list
        }
    }
}
