import Foundation

/// Whole webhooks from checked settings: what `Webhooks.Create` and `Webhooks.Update` make
/// of their params, every wrong field reported at once.
extension WebhookFields {
    /// A new webhook of `account` from `input`, defaults where it gives nothing (a generated
    /// secret, the standard retry schedule and timeout, Standard Webhooks signatures, no
    /// filter); enabled unless `enabled` is false. Throws `INVALID_ARGUMENT` with every problem.
    public mutating func newWebhook(
        account: String, name: String, enabled: Bool?, _ input: WebhookSettingsInput, at now: Date
    ) throws(HookdError) -> Webhook {
        let name = self.name(name)
        let url = input.url.map { self.url($0) } ?? nil
        if input.url == nil { problems.add("url", "is required") }
        let events = input.events.map { self.events($0) } ?? nil
        if input.events == nil { problems.add("events", "is required") }
        let secret = input.secret.map { self.secret($0) } ?? WebhookSecret.generate()
        let retry = input.retry.map { self.retry($0) } ?? RetrySchedule.standard
        let timeout = input.timeout.map { self.timeout($0) } ?? Webhook.defaultTimeout
        let rateLimit = input.rateLimit.map { self.rateLimit($0) } ?? .some(nil)
        let ordering = input.ordering.map { self.ordering($0) } ?? .unordered
        let headers = input.headers.map { self.headers($0) } ?? [:]
        let signature = input.signature.map { self.signature($0) } ?? .standardWebhooks
        if let headers, let signature { check(headers: headers, against: signature) }
        let filter = input.filter.map { self.filter($0, events: events) } ?? .some(nil)
        let labels = input.labels.map { self.labels($0) } ?? [:]
        if let description = input.description, let problem = DescriptionText.problem(description) {
            problems.add("description", problem)
        }
        try problems.check("invalid webhook")
        guard let name, let url, let events, let secret, let retry, let timeout, let rateLimit, let ordering, let headers,
            let signature, let filter, let labels
        else {
            throw .invalidArgument("invalid webhook")
        }
        let enabled = enabled ?? true
        return Webhook(
            account: account, name: name, url: url, enabled: enabled,
            disabledReason: enabled ? nil : "created disabled", events: events, secret: secret, retry: retry,
            timeout: timeout, rateLimit: rateLimit, ordering: ordering, headers: headers, signature: signature,
            filter: filter, description: input.description, labels: labels, createdAt: now)
    }

    /// `webhook` with the settings `input` gives replaced, checked as a create checks them;
    /// a kept filter must still fit new subscriptions. Throws `INVALID_ARGUMENT` with every
    /// problem.
    public mutating func updated(_ webhook: Webhook, with input: WebhookSettingsInput, at now: Date) throws(HookdError)
        -> Webhook
    {
        var updated = webhook
        if let url = input.url { updated.url = self.url(url) ?? updated.url }
        if let events = input.events { updated.events = self.events(events) ?? updated.events }
        if let secret = input.secret { updated.secret = self.secret(secret) ?? updated.secret }
        if let retry = input.retry { updated.retry = self.retry(retry) ?? updated.retry }
        if let timeout = input.timeout { updated.timeout = self.timeout(timeout) ?? updated.timeout }
        if let limit = input.rateLimit, let parsed = self.rateLimit(limit) { updated.rateLimit = parsed }
        if let ordering = input.ordering { updated.ordering = self.ordering(ordering) ?? updated.ordering }
        if let headers = input.headers { updated.headers = self.headers(headers) ?? updated.headers }
        if let signature = input.signature { updated.signature = self.signature(signature) ?? updated.signature }
        if input.headers != nil || input.signature != nil {
            check(headers: updated.headers, against: updated.signature)
        }
        if let filter = input.filter {
            if let parsed = self.filter(filter, events: updated.events) { updated.filter = parsed }
        } else if input.events != nil, let filter = updated.filter {
            // New subscriptions: the kept filter must still fit their schemas.
            _ = self.filter(filter.json, events: updated.events)
        }
        if let labels = input.labels { updated.labels = self.labels(labels) ?? updated.labels }
        if let description = input.description {
            if let problem = DescriptionText.problem(description) { problems.add("description", problem) }
            updated.description = description.isEmpty ? nil : description
        }
        try problems.check("invalid webhook update")
        updated.updatedAt = now
        return updated
    }
}
