import Foundation
import HookdCore
import HookdStore
import Logging

/// `fifo` webhooks and rate limits: what decides, once an attempt's work is loaded, whether
/// it may go now.
extension DeliveryEngine {
    /// Whether the attempt of `work` may be made now. A fifo webhook's delivery may go only
    /// when it is first in the webhook's line and holds its turn; a rate-limited webhook's
    /// only within its pace. When not, the delivery is put back (parked in its line, or
    /// queued for its next rate slot) and its slot freed.
    func clearance(for work: DeliveryWork) -> Bool {
        let deliveryId = work.delivery.id
        let webhook = work.webhook.id
        if work.webhook.ordering == .fifo {
            switch turns.claim(deliveryId, webhook: webhook, head: work.lineHead?.deliveryId) {
            case .go:
                break
            case .parked:
                vacate(deliveryId)
                return false
            case .parkedBehind:
                vacate(deliveryId)
                if let head = work.lineHead { hold(head) }
                return false
            }
        } else if turns.isFifo(webhook) {
            // The webhook stopped being fifo: what waited for its turn may go.
            requeueNow(turns.forget(webhook))
        }
        if let limit = work.webhook.rateLimit, let allowedAt = reserve(webhook, limit) {
            // Over the webhook's rate: wait for its next slot without attempting.
            finished(deliveryId, nextDueAt: allowedAt)
            return false
        }
        return true
    }

    /// Reads who is first in a fifo webhook's line now that its turn holder ended, and hands
    /// the turn on; runs off the actor.
    nonisolated func passTurn(of webhookId: String) async {
        let head: DueDelivery?
        do {
            head = try await store.lineHead(webhookId: webhookId)
        } catch {
            // Without the head, every parked delivery is queued again and checks for itself.
            logger.error("could not read a webhook's line", metadata: ["webhook": "\(webhookId)", "error": "\(error)"])
            head = nil
        }
        await turnPassed(webhookId, to: head)
    }

    private func turnPassed(_ webhookId: String, to head: DueDelivery?) {
        let released = turns.passed(webhookId, to: head?.deliveryId)
        if let head, released == [head.deliveryId] {
            hold(head)
        } else {
            requeueNow(released)
        }
    }

    /// Tells the engine an operator changed a webhook (`ordering` its ordering now) or
    /// deleted it (`ordering` nil), so deliveries held back for its old ordering are
    /// reconsidered at once rather than at its next attempt.
    public func webhookChanged(_ webhookId: String, ordering: WebhookOrdering?) {
        if ordering == .fifo && turns.isFifo(webhookId) { return }
        let released = turns.forget(webhookId)
        if ordering == .fifo { turns.learnFifo(webhookId) }
        requeueNow(released)
    }

    /// Tells the engine every webhook's ordering after a change to many at once (an
    /// apply); fifo webhooks it knew that are missing were deleted.
    public func webhooksChanged(orderings: [String: WebhookOrdering]) {
        for webhookId in turns.knownFifoWebhooks where orderings[webhookId] == nil {
            webhookChanged(webhookId, ordering: nil)
        }
        for (webhookId, ordering) in orderings {
            webhookChanged(webhookId, ordering: ordering)
        }
    }
}
