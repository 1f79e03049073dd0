import Foundation
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

    /// A new webhook from `Webhooks.Create` params.
    func newWebhook(_ params: WebhookCreateParams) async throws -> Webhook {
        let account = try await account(params.account)
        var fields = try await webhookFields(for: account)
        let name = fields.name(params.name)
        let url = fields.url(params.url)
        let events = fields.events(params.events)
        let secret = params.secret.map { fields.secret($0) } ?? WebhookSecret.generate()
        let retry = params.retry.map { fields.retry($0) } ?? RetrySchedule.standard
        let timeout = params.timeout.map { fields.timeout($0) } ?? Webhook.defaultTimeout
        let rateLimit = params.rateLimit.map { fields.rateLimit($0) } ?? .some(nil)
        let ordering = params.ordering.map { fields.ordering($0) } ?? .unordered
        let headers = params.headers.map { fields.headers($0) } ?? [:]
        let signature = params.signature.map { fields.signature($0) } ?? .standardWebhooks
        if let headers, let signature { fields.check(headers: headers, against: signature) }
        let filter = params.filter.map { fields.filter($0, events: events) } ?? .some(nil)
        let labels = params.labels.map { fields.labels($0) } ?? [:]
        try fields.problems.check("invalid webhook")
        guard let name, let url, let events, let secret, let retry, let timeout, let rateLimit, let ordering, let headers,
            let signature, let filter, let labels
        else {
            throw HookdError.invalidArgument("invalid webhook")
        }
        let enabled = params.enabled ?? true
        return Webhook(
            account: account.name, name: name, url: url, enabled: enabled,
            disabledReason: enabled ? nil : "created disabled", events: events, secret: secret, retry: retry,
            timeout: timeout, rateLimit: rateLimit, ordering: ordering, headers: headers, signature: signature,
            filter: filter, description: params.description, labels: labels, createdAt: Date())
    }

    /// `webhook` with the fields given in `Webhooks.Update` params replaced.
    func updatedWebhook(_ webhook: Webhook, _ params: WebhookUpdateParams) async throws -> Webhook {
        var fields = try await webhookFields(for: try await account(webhook.account))
        var updated = webhook
        if let url = params.url { updated.url = fields.url(url) ?? updated.url }
        if let events = params.events { updated.events = fields.events(events) ?? updated.events }
        if let secret = params.secret { updated.secret = fields.secret(secret) ?? updated.secret }
        if let retry = params.retry { updated.retry = fields.retry(retry) ?? updated.retry }
        if let timeout = params.timeout { updated.timeout = fields.timeout(timeout) ?? updated.timeout }
        if let limit = params.rateLimit, let parsed = fields.rateLimit(limit) { updated.rateLimit = parsed }
        if let ordering = params.ordering { updated.ordering = fields.ordering(ordering) ?? updated.ordering }
        if let headers = params.headers { updated.headers = fields.headers(headers) ?? updated.headers }
        if let signature = params.signature { updated.signature = fields.signature(signature) ?? updated.signature }
        if params.headers != nil || params.signature != nil {
            fields.check(headers: updated.headers, against: updated.signature)
        }
        if let filter = params.filter {
            if let parsed = fields.filter(filter, events: updated.events) { updated.filter = parsed }
        } else if params.events != nil, let filter = updated.filter {
            // New subscriptions: the kept filter must still fit their schemas.
            _ = fields.filter(filter.json, events: updated.events)
        }
        if let labels = params.labels { updated.labels = fields.labels(labels) ?? updated.labels }
        if let description = params.description { updated.description = description.isEmpty ? nil : description }
        try fields.problems.check("invalid webhook update")
        updated.updatedAt = Date()
        return updated
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
