import HookdCore
import HookdStore

extension DeliveryEngine {
    /// What one commit announces to watchers: each new event with its deliveries, then each
    /// attempt end whose delivery still exists.
    nonisolated static func changes(_ receipt: QueueWriteReceipt, _ completions: [AttemptCompletion]) -> [DeliveryChange] {
        var changes: [DeliveryChange] = []
        for outcomes in receipt.published {
            for outcome in outcomes where !outcome.duplicate {
                changes.append(.published(outcome.event, deliveries: outcome.deliveries))
            }
        }
        let gone = Set(receipt.gone)
        for completion in completions where !gone.contains(completion.delivery.id) {
            changes.append(.attempted(completion.delivery, completion.attempt))
        }
        return changes
    }
}
