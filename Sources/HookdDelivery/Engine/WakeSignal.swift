import Foundation
import Synchronization

/// Lets the engine's loop sleep until a deadline or until new work arrives, whichever is
/// first, without polling.
///
/// A signal sent while nobody waits is remembered (once), so a wake-up between checking the
/// queue and starting to wait is never lost.
///
/// One timer serves successive waits: a signal leaves it armed, and a wait whose deadline is
/// not earlier than the armed one keeps it (when it fires for a waiter due later, it arms
/// itself again for that waiter). So a loop that is signalled far more often than its
/// deadlines pass creates no timer task per wait, nor wakes one up to cancel it.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// When the waiter wants to be woken without a signal.
        var waiterDeadline: Date?
        var timer: Task<Void, Never>?
        /// The deadline the timer sleeps until.
        var timerDeadline: Date?
    }

    /// Guards the waiting continuation, its deadline, the timer and the remembered signal.
    private let state = Mutex(State())

    deinit {
        state.withLock { $0.timer }?.cancel()
    }

    /// Wakes the waiter, or the next one to wait.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            state.waiterDeadline = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at `deadline` on `clock` (never, when `nil`), on `signal()`, or when the
    /// task is cancelled.
    func wait(until deadline: Date?, clock: any EngineClock) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let (resumeNow, replaced) = state.withLock { state -> (Bool, Task<Void, Never>?) in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return (true, nil)
                    }
                    state.waiter = continuation
                    state.waiterDeadline = deadline
                    guard let deadline, state.timerDeadline.map({ deadline < $0 }) ?? true else { return (false, nil) }
                    let replaced = state.timer
                    arm(until: deadline, clock: clock, in: &state)
                    return (false, replaced)
                }
                replaced?.cancel()
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
    }

    /// Starts the timer for `deadline`; call with the state locked.
    private func arm(until deadline: Date, clock: any EngineClock, in state: inout State) {
        state.timerDeadline = deadline
        state.timer = Task { [weak self] in
            try? await clock.sleep(until: deadline)
            guard !Task.isCancelled else { return }
            self?.fired(at: deadline, clock: clock)
        }
    }

    /// The timer armed for `deadline` went off: wakes a waiter due by then, and arms again
    /// for a waiter due later.
    private func fired(at deadline: Date, clock: any EngineClock) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.timerDeadline == deadline else { return nil }
            state.timer = nil
            state.timerDeadline = nil
            guard let waiter = state.waiter, let due = state.waiterDeadline else { return nil }
            guard due <= deadline else {
                arm(until: due, clock: clock, in: &state)
                return nil
            }
            state.waiter = nil
            state.waiterDeadline = nil
            return waiter
        }
        waiter?.resume()
    }
}
