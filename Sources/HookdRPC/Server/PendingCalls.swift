import Synchronization

/// The frames one connection has admitted and not yet answered, with a limit: at the limit
/// the connection stops reading until one is answered, so a client that never waits for
/// its answers slows down rather than piling up work and memory in the daemon.
///
/// Only the connection's read loop waits (for room, or for none to be left before a
/// barrier); the frames' completion tasks release their places.
final class PendingCalls: Sendable {
    private struct State {
        var count = 0
        /// The read loop, suspended until `count` is at most `bound`.
        var waiter: (continuation: CheckedContinuation<Void, Never>, bound: Int)?
    }

    /// The most frames that may be pending at once.
    let limit: Int

    /// Guards the count and the read loop's wait against completions finishing on other
    /// threads.
    private let state = Mutex(State())

    init(limit: Int) {
        precondition(limit > 0, "the pending-call limit must be positive")
        self.limit = limit
    }

    /// Takes a place for one more pending frame, first waiting while `limit` are pending;
    /// `whenWaiting` runs once if it has to wait, just before it does.
    func reserve(whenWaiting: () -> Void = {}) async {
        await wait(untilAtMost: limit - 1, whenWaiting: whenWaiting)
        state.withLock { $0.count += 1 }
    }

    /// Waits until no frame is pending; `whenWaiting` runs once if it has to wait.
    func waitUntilNone(whenWaiting: () -> Void = {}) async {
        await wait(untilAtMost: 0, whenWaiting: whenWaiting)
    }

    /// Gives back the place of a frame that has been answered (or needed none after all).
    func release() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            precondition(state.count > 0, "released more pending calls than were reserved")
            state.count -= 1
            guard let waiter = state.waiter, state.count <= waiter.bound else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume()
    }

    private func wait(untilAtMost bound: Int, whenWaiting: () -> Void) async {
        guard state.withLock({ $0.count > bound }) else { return }
        await withCheckedContinuation { continuation in
            let mustWait = state.withLock { state in
                guard state.count > bound else { return false }
                precondition(state.waiter == nil, "only the connection's read loop waits")
                state.waiter = (continuation, bound)
                return true
            }
            if mustWait {
                whenWaiting()
            } else {
                continuation.resume()
            }
        }
    }
}
