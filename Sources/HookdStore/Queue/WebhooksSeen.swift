import HookdCore

/// The webhooks one write transaction has read or changed, by account and by id, so a batch
/// reads each account's webhooks once however many events it fans out, and later reads in the
/// transaction see its own changes. Each store's fan-out (`FanOut`, `PostgresFanOut`) fills
/// it with its own queries.
struct WebhooksSeen {
    private var byAccount: [String: [Webhook]] = [:]
    private var byId: [String: Webhook?] = [:]

    /// The account's webhooks, when this transaction has read them.
    func webhooks(of account: String) -> [Webhook]? {
        byAccount[account]
    }

    /// Notes the account's webhooks as read, each also by id: an attempt end in the same
    /// transaction then finds its webhook without reading it again.
    mutating func read(_ webhooks: [Webhook], of account: String) {
        byAccount[account] = webhooks
        for webhook in webhooks { byId[webhook.id] = .some(webhook) }
    }

    /// The webhook by id when this transaction has read it: `.some(nil)` when it was gone.
    func webhook(id: String) -> Webhook?? {
        byId[id]
    }

    /// Notes the webhook `id` as read (`nil`: gone).
    mutating func read(_ webhook: Webhook?, id: String) {
        byId[id] = .some(webhook)
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
