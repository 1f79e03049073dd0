import Foundation
import HookdCore

/// The new awaiting deliveries a write hands to its owner, within the owner's room.
struct Holding {
    /// The node taking work; `nil` when nobody takes any.
    let owner: String?
    private(set) var room: Int
    var handedOver: [DeliveryWork] = []
    /// True once an awaiting delivery was left for a claim.
    var leftInStore = false
    /// True when rate-limited webhooks' deliveries are left for a claim too: on a store
    /// several nodes share, only a claim may make a node a webhook's sender.
    let leavesRateLimited: Bool

    init(owner: String?, room: Int, leavesRateLimited: Bool = false) {
        self.owner = owner
        self.room = owner == nil ? 0 : max(0, room)
        self.leavesRateLimited = leavesRateLimited
    }

    /// The owner to hold one more delivery, or `nil` when there is no room left.
    mutating func take() -> String? {
        guard let owner, room > 0 else { return nil }
        room -= 1
        return owner
    }

    /// Who holds a delivery just fanned out to `webhook`: the owner while room lasts, with the
    /// work handed over, or nobody (the store, for a claim). A fifo webhook's deliveries are
    /// never taken here: its line hands them over one at a time; nor, with
    /// `leavesRateLimited`, a rate-limited webhook's.
    mutating func place(_ delivery: Delivery, of webhook: Webhook, body: Data, traceContext: TraceContext?) -> String? {
        guard delivery.status.isAwaitingAttempt else { return nil }
        guard webhook.ordering != .fifo, !(leavesRateLimited && webhook.rateLimit != nil), let owner = take() else {
            leftInStore = true
            return nil
        }
        handedOver.append(DeliveryWork(delivery: delivery, webhook: webhook, body: body, traceContext: traceContext))
        return owner
    }
}
