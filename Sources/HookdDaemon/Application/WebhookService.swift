import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// Changes to webhooks: each is committed to the store, then the engine is told, so what
/// it decides from its cache of settings is never older than the last answered call.
struct WebhookService: Sendable {
    let services: DaemonServices

    private var store: any Store { services.store }
    private var engine: DeliveryEngine { services.engine }

    func create(_ params: WebhookCreateParams) async throws -> Webhook {
        let webhook = try await services.newWebhook(params)
        try await store.createWebhook(webhook)
        await engine.webhookChanged(webhook)
        return webhook
    }

    func update(_ params: WebhookUpdateParams) async throws -> Webhook {
        let webhook = try await services.updatedWebhook(try await services.webhook(params.webhook), params)
        try await save(webhook)
        return webhook
    }

    func delete(_ reference: String) async throws -> Webhook {
        let webhook = try await services.webhook(reference)
        try await store.deleteWebhook(id: webhook.id)
        await engine.webhookDeleted(webhook.id)
        return webhook
    }

    /// Enables or disables a webhook; disabling announces `hookd.webhook.disabled`.
    func setEnabled(_ enabled: Bool, reason: String?, _ reference: String) async throws -> Webhook {
        var webhook = try await services.webhook(reference)
        webhook.enabled = enabled
        webhook.disabledReason = reason
        webhook.updatedAt = Date()
        try await save(webhook)
        if let reason, !enabled {
            try await PublishService(services: services).announce(
                OperationalEvent.disabled(webhook, reason: reason, at: webhook.updatedAt))
        }
        return webhook
    }

    func rotateSecret(_ params: WebhookRotateSecretParams) async throws -> Webhook {
        let rotated = try services.rotatedWebhook(try await services.webhook(params.webhook), params)
        try await save(rotated)
        return rotated
    }

    /// Stores a test event with one delivery to the webhook and has the engine claim it.
    func sendTest(_ event: Event, to webhook: Webhook) async throws -> Delivery {
        let delivery = try await store.publish(event, to: webhook, at: event.timestamp)
        await engine.storeHasWork()
        return delivery
    }

    /// Every webhook changed at once (a manifest apply): the engine takes them all again.
    func reloadAll() async throws {
        await engine.webhooksReloaded(try await store.webhooks(account: nil))
    }

    private func save(_ webhook: Webhook) async throws {
        try await store.updateWebhook(webhook)
        await engine.webhookChanged(webhook)
    }
}
