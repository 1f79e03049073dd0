import Foundation

/// An attempt a node taking over a rate-limited webhook must count toward the webhook's
/// limit as if it had made it: a recorded attempt that ended in the last window, or one that
/// may still be under way on a node that died holding the webhook's deliveries.
public struct RecentAttempt: Sendable, Equatable {
    /// The delivery attempted; `nil` for an attempt a dead node may have had under way.
    public var deliveryId: String?
    /// When it ended, or, for a dead node's, when it had ended at the latest (its start was
    /// before the node was found dead, and it could not outlast the webhook's timeout).
    public var endedAt: Date

    public init(deliveryId: String?, endedAt: Date) {
        self.deliveryId = deliveryId
        self.endedAt = endedAt
    }
}
