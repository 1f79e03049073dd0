import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// Turns webhook requests into `Webhook` values, reporting every wrong field at once.
extension DaemonServices {
    /// The rules a webhook of `account` is checked against.
    func webhookFields(for account: Account) async throws -> WebhookFields {
        WebhookFields(
            policy: policy, knownEventTypes: try await knownEventTypes(), plan: account.plan,
            eventSchemas: try await eventSchemas())
    }

    /// A new webhook from `Webhooks.Create` params (the rules: `WebhookFields.newWebhook`).
    func newWebhook(_ params: WebhookCreateParams) async throws -> Webhook {
        let account = try await account(params.account)
        var fields = try await webhookFields(for: account)
        return try fields.newWebhook(
            account: account.name, name: params.name, enabled: params.enabled, WebhookSettingsInput(params), at: Date())
    }

    /// `webhook` with the fields given in `Webhooks.Update` params replaced (the rules:
    /// `WebhookFields.updated`).
    func updatedWebhook(_ webhook: Webhook, _ params: WebhookUpdateParams) async throws -> Webhook {
        var fields = try await webhookFields(for: try await account(webhook.account))
        return try fields.updated(webhook, with: WebhookSettingsInput(params), at: Date())
    }

    /// `webhook` signing with a new secret (given or generated), the old one kept for the
    /// requested grace (default 24h).
    func rotatedWebhook(_ webhook: Webhook, _ params: WebhookRotateSecretParams) throws(HookdError) -> Webhook {
        var problems = ViolationList()
        var grace: Interval?
        do {
            grace = try Interval(parsing: params.grace ?? "24h")
        } catch {
            problems.add("grace", error.description)
        }
        let secret = params.secret.map { text in
            problems.collect("secret") { () throws(HookdError) in try WebhookSecret(text) }
        } ?? WebhookSecret.generate()
        try problems.check("invalid rotation")
        guard let grace, let secret else { throw .invalidArgument("invalid rotation") }
        return try webhook.rotatingSecret(to: secret, grace: grace, at: Date())
    }

    /// The webhook as `Webhooks.Get` shows it, with its newest delivery and, when it has a
    /// filter, how many events the filter kept from it.
    func view(_ webhook: Webhook) async throws -> WebhookView {
        let last = try await store.deliveries(DeliveryFilter(webhookId: webhook.id, limit: 1)).first
        let filtered = webhook.filter == nil ? nil : try await store.filteredEventCount(webhookId: webhook.id)
        return WebhookView(webhook, lastDelivery: last, filteredEvents: filtered)
    }
}

extension WebhookSettingsInput {
    /// The settings `Webhooks.Create` params give.
    init(_ params: WebhookCreateParams) {
        self.init(
            url: params.url, events: params.events, secret: params.secret, retry: params.retry, timeout: params.timeout,
            rateLimit: params.rateLimit, ordering: params.ordering, headers: params.headers, signature: params.signature,
            filter: params.filter, labels: params.labels, description: params.description)
    }

    /// The settings `Webhooks.Update` params give.
    init(_ params: WebhookUpdateParams) {
        self.init(
            url: params.url, events: params.events, secret: params.secret, retry: params.retry, timeout: params.timeout,
            rateLimit: params.rateLimit, ordering: params.ordering, headers: params.headers, signature: params.signature,
            filter: params.filter, labels: params.labels, description: params.description)
    }
}
