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
        if !dryRun {
            // Due a millisecond apart, so the engine takes them in their original order.
            let queued = try missed.enumerated().map { index, delivery throws(HookdError) in
                try delivery.redelivered(at: now.addingTimeInterval(Double(index) / 1000), trigger: .recover)
            }
            for delivery in queued { try await services.store.update(delivery) }
            await services.engine.enqueue(queued)
        }
        return WebhookRecoverResult(
            webhook: webhook.qualifiedName, since: since, until: until,
            failed: missed.count { $0.status == .failed }, skipped: missed.count { $0.status == .skipped },
            dryRun: dryRun, deliveries: missed.map(\.id))
    }
}
