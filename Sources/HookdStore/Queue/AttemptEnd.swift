import Foundation
import HookdCore

/// What one attempt's end entails beyond its own rows, decided alike on SQLite and PostgreSQL:
/// who holds the delivery next, whether the end counts toward its webhook's health, what a
/// change of health announces or disables, and whether a fifo line is skipped.
///
/// The writers (`QueueWriter`, `PostgresQueueWriter`) only carry these decisions out in SQL.
struct AttemptEnd {
    /// The completion as the engine handed it over.
    let completion: AttemptCompletion
    /// True when the delivery awaits no further attempt (delivered, failed or skipped).
    let ended: Bool
    /// True when the end is folded into its webhook's health. hookd's own events neither count
    /// toward health nor raise further events, so a failing operator endpoint cannot feed
    /// itself; an end that disables its webhook at once (a `410 Gone`) is not counted either.
    let countsTowardHealth: Bool

    init(_ completion: AttemptCompletion) {
        self.completion = completion
        ended = !completion.delivery.status.isAwaitingAttempt
        countsTowardHealth =
            ended && completion.disableReason == nil && !OperationalEvent.isOperational(completion.delivery.eventType)
    }

    /// The delivery as it now is.
    var delivery: Delivery { completion.delivery }

    /// The node holding the delivery after this end: `owner` while the engine keeps it in
    /// memory for its next attempt, nobody otherwise.
    func holder(_ owner: String) -> String? {
        completion.keep && delivery.status.isAwaitingAttempt ? owner : nil
    }

    /// What the webhook's health going from `before` to `after` (this end folded in) entails:
    /// hookd's own event to announce first (`exhausted`, or `recovered` after a run of
    /// failures), then the reason to disable the webhook when `autoDisable` says so.
    func consequences(
        healthBefore before: WebhookHealth, after: WebhookHealth, autoDisable: AutoDisablePolicy, at now: Date
    ) -> (announcement: Event?, disableReason: String?) {
        var announcement: Event?
        if delivery.status == .failed {
            announcement = OperationalEvent.exhausted(delivery, at: now)
        } else if before.consecutiveExhausted > 0 && after == .healthy {
            announcement = OperationalEvent.recovered(
                delivery, failingSince: before.failingSince, failures: before.consecutiveExhausted, at: now)
        }
        return (announcement, autoDisable.disableReason(for: after, at: now))
    }

    /// True when this end skips the rest of `webhook`'s fifo line: a disabled fifo webhook's
    /// line is kept as skipped from its head on, in order.
    func skipsLine(of webhook: Webhook) -> Bool {
        delivery.status == .skipped && !webhook.enabled
    }
}
