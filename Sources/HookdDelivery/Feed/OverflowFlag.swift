import Synchronization

/// Whether a subscription was dropped for falling behind: set by the feed, read by the
/// watcher once its stream has ended.
final class OverflowFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// True once set.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Marks the subscription as dropped.
    func set() { value.store(true, ordering: .releasing) }
}
