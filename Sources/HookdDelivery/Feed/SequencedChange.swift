/// A change with its place in the feed: cursors rise by one per change, in commit order.
public struct SequencedChange: Sendable, Equatable {
    /// The change's position; a watcher that saw cursor N has seen every change before it.
    public let cursor: Int64
    /// What changed.
    public let change: DeliveryChange
}
