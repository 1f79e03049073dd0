import Synchronization

/// Set once the operator pressed Ctrl-C, read by the command waiting for it.
final class InterruptFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// True once set.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Records the interrupt.
    func set() { value.store(true, ordering: .releasing) }
}
