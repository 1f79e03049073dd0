import Synchronization

/// How many frames of one connection have been read and not yet answered, shared between
/// the connection's task and its channel pipeline, which closes the connection when it has
/// been idle too long but never while a call is under way.
final class ConnectionActivity: Sendable {
    /// Frames read and not yet answered (or found to need no answer).
    private let calls = Atomic<Int>(0)

    /// A frame has been read.
    func began() {
        calls.add(1, ordering: .relaxed)
    }

    /// A frame has been answered, or needs no answer.
    func ended() {
        calls.subtract(1, ordering: .relaxed)
    }

    /// True when no frame is under way.
    var isIdle: Bool {
        calls.load(ordering: .relaxed) == 0
    }
}
