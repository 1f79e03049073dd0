import Foundation
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Webhooks.Recover`: queues a webhook's failed and skipped deliveries of a time window
/// again, oldest first.
enum RecoverHandler {
    /// Most deliveries one recover call re-sends; narrow the window for more.
    static let maximumDeliveries = 100_000

    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.webhooksRecover) { (params: WebhookRecoverParams, _) in
            try await recover(params, services)
        }
    }

    private static func recover(_ params: WebhookRecoverParams, _ services: DaemonServices) async throws
        -> WebhookRecoverResult
    {
        let webhook = try await services.webhook(params.webhook)
        let now = Date()
        let since = try PointInTime.parse(params.since, now: now, field: "since")
        let until = try params.until.map { text throws(HookdError) in try PointInTime.parse(text, now: now, field: "until") } ?? now
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
                oldestFirst: true, limit: maximumDeliveries))
        var order = missed.map(\.id)
        if !dryRun {
            // One transaction: at the back of the webhook's line in publish order, due a
            // millisecond apart so even an unordered webhook takes them in that order.
            let queued = try await services.store.requeue(deliveryIds: order, trigger: .recover, at: now)
            await services.engine.enqueue(queued)
            order = queued.map(\.id)
        }
        return WebhookRecoverResult(
            webhook: webhook.qualifiedName, since: since, until: until,
            failed: missed.count { $0.status == .failed }, skipped: missed.count { $0.status == .skipped },
            dryRun: dryRun, deliveries: order)
    }
}
