import Foundation
import HookdCore
import HookdStore
import Logging

/// What the engine does when a delivery ends or cannot be sent: webhook health,
/// hookd's own events, disabling, and skipping deliveries of disabled webhooks.
extension DeliveryEngine {
    /// Folds a delivery's end into its webhook's health, publishes what an operator should
    /// hear about (exhausted, recovered), and disables the webhook when the auto-disable
    /// policy says it has failed for too long.
    nonisolated func noteEnd(of delivery: Delivery, at now: Date) async {
        // hookd's own events neither count toward health nor raise further events, so a
        // failing operator endpoint cannot feed itself.
        guard !OperationalEvent.isOperational(delivery.eventType) else { return }
        do {
            let (before, after) = try await store.recordEnd(of: delivery, at: now)
            if delivery.status == .failed {
                await publish(OperationalEvent.exhausted(delivery, at: now))
            } else if before.consecutiveExhausted > 0 && after == .healthy {
                await publish(
                    OperationalEvent.recovered(
                        delivery, failingSince: before.failingSince, failures: before.consecutiveExhausted, at: now))
            }
            if let reason = configuration.autoDisable.disableReason(for: after, at: now) {
                await disable(webhookId: delivery.webhookId, reason: reason, at: now)
            }
        } catch {
            logger.error("could not record a webhook's health", metadata: ["webhook": "\(delivery.webhookId)", "error": "\(error)"])
        }
    }

    /// Publishes one of hookd's own events like any other and hands its deliveries on.
    public nonisolated func publish(_ event: Event) async {
        do {
            let outcomes = try await store.publish([event], at: event.timestamp)
            await enqueue(outcomes.flatMap(\.deliveries))
        } catch {
            logger.error("could not publish an operational event", metadata: ["type": "\(event.type)", "error": "\(error)"])
        }
    }

    /// Disables a webhook on hookd's own account (410 Gone, auto-disable), keeping the reason
    /// and announcing it; its other waiting deliveries are then kept as skipped when they
    /// come due.
    nonisolated func disable(webhookId: String, reason: String, at now: Date) async {
        do {
            guard let current = try await store.webhook(id: webhookId), current.enabled else { return }
            let disabled = current.disabled(reason: reason, at: now)
            try await store.updateWebhook(disabled)
            logger.warning(
                "webhook disabled", metadata: ["webhook": "\(disabled.qualifiedName)", "reason": "\(reason)"])
            await publish(OperationalEvent.disabled(disabled, reason: reason, at: now))
        } catch {
            logger.error("could not disable a webhook", metadata: ["webhook": "\(webhookId)", "error": "\(error)"])
        }
    }

    /// Keeps the delivery of a webhook disabled while it waited as `skipped`, so a later
    /// recovery can replay it, instead of sending it.
    nonisolated func skip(_ delivery: Delivery) async {
        var skipped = delivery
        skipped.status = .skipped
        skipped.nextAttemptAt = nil
        skipped.updatedAt = Date()
        do {
            try await store.update(skipped)
            await finished(delivery.id, nextDueAt: nil)
        } catch {
            logger.error("could not mark a delivery skipped", metadata: ["delivery": "\(delivery.id)", "error": "\(error)"])
            await finished(delivery.id, nextDueAt: Date().addingTimeInterval(configuration.storeRetryDelay.timeInterval))
        }
    }
}
