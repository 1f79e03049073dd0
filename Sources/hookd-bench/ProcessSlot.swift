import Foundation
import Synchronization

/// Holds the one child process a sink runs at a time.
final class ProcessSlot: Sendable {
    /// Guards the running child: set on start, taken on stop.
    private let process = Mutex<Process?>(nil)

    func set(_ child: Process) {
        process.withLock { $0 = child }
    }

    /// The child, leaving the slot empty.
    func take() -> Process? {
        process.withLock { current in
            defer { current = nil }
            return current
        }
    }
}
