import NIOCore
import Synchronization

/// A clock tests move by hand.
final class ManualTime: Sendable {
    /// Guards the current instant.
    private let current = Mutex(NIODeadline.uptimeNanoseconds(1_000_000_000))

    var now: @Sendable () -> NIODeadline { { self.current.withLock { $0 } } }

    func advance(by amount: TimeAmount) {
        current.withLock { $0 = $0 + amount }
    }
}
