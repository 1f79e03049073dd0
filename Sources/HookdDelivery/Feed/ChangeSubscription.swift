/// One watcher's view of a ``ChangeFeed``: the changes committed after it subscribed, in
/// order, until it is cancelled or falls too far behind.
///
/// Its buffer holds at most the capacity it subscribed with; a watcher that lets it fill is
/// dropped (``overflowed`` turns true and ``changes`` ends) rather than slowing the engine
/// or growing memory.
public final class ChangeSubscription: Sendable {
    /// The changes, in cursor order; ends when the subscription is cancelled or overflows.
    public let changes: AsyncStream<SequencedChange>
    /// The cursor of the last change committed before it subscribed.
    public let startCursor: Int64
    /// The most changes it may have waiting.
    public let capacity: Int
    /// Set by the feed when the buffer was full and the subscription was dropped.
    private let overflow: OverflowFlag
    private let end: @Sendable () -> Void

    init(
        changes: AsyncStream<SequencedChange>, startCursor: Int64, capacity: Int, overflow: OverflowFlag,
        end: @escaping @Sendable () -> Void
    ) {
        self.changes = changes
        self.startCursor = startCursor
        self.capacity = capacity
        self.overflow = overflow
        self.end = end
    }

    /// True once the watcher fell `capacity` changes behind and was dropped.
    public var overflowed: Bool { overflow.isSet }

    /// Stops the subscription; ``changes`` ends after what it already holds.
    public func cancel() { end() }

    deinit { end() }
}
