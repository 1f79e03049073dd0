
extension DesiredState {
    /// The live configuration as manifests would declare it (secrets left out, hookd's own
    /// event types too), so `diff` against an export shows no change.
    public init(exporting snapshot: ConfigurationSnapshot) {
        self.init(
            accounts: snapshot.accounts.map {
                AccountSpec(name: $0.name, maxWebhooks: $0.plan.maxWebhooks, eventTypes: $0.plan.eventTypes.map(\.text))
            },
            eventTypes: snapshot.eventTypes.filter { !OperationalEvent.isOperational($0.name) }.map {
                EventTypeSpec(name: $0.name, description: $0.description, schema: $0.schema, example: $0.example)
            },
            webhooks: snapshot.webhooks.map { webhook in
                WebhookSpec(
                    account: webhook.account, name: webhook.name, url: webhook.url, enabled: webhook.enabled,
                    events: webhook.events.map(\.text), timeout: webhook.timeout.description,
                    retry: webhook.retry.delays.map(\.description), rateLimit: webhook.rateLimit?.perSecond,
                    headers: webhook.headers.isEmpty ? nil : webhook.headers, description: webhook.description,
                    labels: webhook.labels.isEmpty ? nil : webhook.labels,
                    ordering: webhook.ordering == .unordered ? nil : webhook.ordering.rawValue,
                    signature: webhook.signature.settings, filter: webhook.filter?.json)
            })
    }
}
