import Foundation
import Synchronization

/// Lets the engine's loop sleep until a deadline or until new work arrives, whichever is
/// first, without polling.
///
/// A signal sent while nobody waits is remembered (once), so a wake-up between checking the
/// queue and starting to wait is never lost.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var timer: Task<Void, Never>?
        var generation: UInt64 = 0
    }

    /// Guards the waiting continuation, its timer and the remembered signal.
    private let state = Mutex(State())

    /// Wakes the waiter, or the next one to wait.
    func signal() {
        let (waiter, timer) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Task<Void, Never>?) in
            guard let waiter = state.waiter else {
                state.pending = true
                return (nil, nil)
            }
            state.waiter = nil
            defer { state.timer = nil }
            return (waiter, state.timer)
        }
        timer?.cancel()
        waiter?.resume()
    }

    /// Returns at `deadline` on `clock` (never, when `nil`), on `signal()`, or when the
    /// task is cancelled.
    func wait(until deadline: Date?, clock: any EngineClock) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.generation &+= 1
                    let generation = state.generation
                    state.waiter = continuation
                    if let deadline {
                        state.timer = Task { [weak self] in
                            try? await clock.sleep(until: deadline)
                            guard !Task.isCancelled else { return }
                            self?.expire(generation)
                        }
                    }
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
    }

    private func expire(_ generation: UInt64) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.generation == generation, let waiter = state.waiter else { return nil }
            state.waiter = nil
            state.timer = nil
            return waiter
        }
        waiter?.resume()
    }
}
