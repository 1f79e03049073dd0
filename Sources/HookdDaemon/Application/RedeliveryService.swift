import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// Sending ended deliveries again: one (`deliveries redeliver`) or a webhook's window
/// (`webhooks recover`). Each is re-queued at the back of its webhook's line in one
/// commit, then the engine claims it.
struct RedeliveryService: Sendable {
    let services: DaemonServices

    /// Most deliveries one recover call re-sends; narrow the window for more.
    static let maximumRecovered = 100_000

    func redeliver(_ deliveryId: String) async throws -> Delivery {
        guard let delivery = try await services.store.delivery(id: deliveryId) else {
            throw HookdError.notFound(.delivery, deliveryId)
        }
        guard let webhook = try await services.store.webhook(id: delivery.webhookId) else {
            throw HookdError.notFound(.webhook, "\(delivery.account)/\(delivery.webhookName)")
        }
        guard webhook.enabled else {
            throw HookdError(
                .failedPrecondition, reason: "hookd.WebhookDisabled",
                "webhook \(webhook.qualifiedName) is disabled; enable it before redelivering")
        }
        let queued = try await services.store.requeue(deliveryIds: [delivery.id], trigger: .manual, at: Date())
        await services.engine.storeHasWork()
        return queued[0]
    }

    /// Re-queues the webhook's failed and skipped deliveries created in `since..<until`,
    /// oldest first, unless `dryRun`.
    func recover(_ params: WebhookRecoverParams) async throws -> WebhookRecoverResult {
        let webhook = try await services.webhook(params.webhook)
        let now = Date()
        let since = try PointInTime.parse(params.since, now: now, field: "since")
        let until =
            try params.until.map { text throws(HookdError) in try PointInTime.parse(text, now: now, field: "until") } ?? now
        guard since < until else { throw HookdError.invalidField("since", "must be before until") }
        let dryRun = params.dryRun ?? false
        if !dryRun && !webhook.enabled {
            throw HookdError(
                .failedPrecondition, reason: "hookd.WebhookDisabled",
                "webhook \(webhook.qualifiedName) is disabled; enable it before recovering (or use a dry run)")
        }
        let missed = try await services.store.deliveries(
            DeliveryFilter(
                webhookId: webhook.id, statuses: [.failed, .skipped], createdFrom: since, createdBefore: until,
                oldestFirst: true, limit: Self.maximumRecovered))
        var order = missed.map(\.id)
        if !dryRun {
            // One transaction: at the back of the webhook's line in publish order, due a
            // millisecond apart so even an unordered webhook takes them in that order.
            let queued = try await services.store.requeue(deliveryIds: order, trigger: .recover, at: now)
            await services.engine.storeHasWork()
            order = queued.map(\.id)
        }
        return WebhookRecoverResult(
            webhook: webhook.qualifiedName, since: since, until: until,
            failed: missed.count { $0.status == .failed }, skipped: missed.count { $0.status == .skipped },
            dryRun: dryRun, deliveries: order)
    }
}
