import Synchronization

/// Named one-shot latches a test opens by hand, so a handler's completion finishes exactly
/// when the test says.
///
/// A wait also ends when its task is cancelled: when a test passes its time limit, that
/// lets the server under test wind down instead of hanging the run.
final class Latches: Sendable {
    private struct State {
        var open: Set<String> = []
        var nextWaiter = 0
        /// Waiters by number, with the latch each waits for.
        var waiters: [Int: (name: String, continuation: CheckedContinuation<Void, Never>)] = [:]
        /// Callbacks waiting for a latch, with its name.
        var callbacks: [(name: String, run: @Sendable () -> Void)] = []
    }

    /// Guards the latches against handlers waiting and the test opening them.
    private let state = Mutex(State())

    /// Returns once the latch `name` is open (at once if it already is), or the waiting task
    /// is cancelled.
    func wait(_ name: String) async {
        let number = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if state.open.contains(name) || Task.isCancelled { return true }
                    state.waiters[number] = (name, continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: number) }?.continuation.resume()
        }
    }

    /// Runs `body` once the latch `name` is open (at once if it already is), on the thread
    /// that opens it: for completions settled by a callback rather than awaited.
    func whenOpen(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let ready = state.withLock { state in
            if state.open.contains(name) { return true }
            state.callbacks.append((name, body))
            return false
        }
        if ready { body() }
    }

    /// Opens the latches `names`, releasing everything waiting on them now or later.
    func open(_ names: String...) {
        open(names)
    }

    /// Opens the latches `names`.
    func open(_ names: [String]) {
        let (released, callbacks) = state.withLock { state in
            state.open.formUnion(names)
            let released = state.waiters.filter { state.open.contains($0.value.name) }
            for number in released.keys { state.waiters[number] = nil }
            let callbacks = state.callbacks.filter { state.open.contains($0.name) }
            state.callbacks.removeAll { state.open.contains($0.name) }
            return (released.values.map(\.continuation), callbacks.map(\.run))
        }
        for continuation in released { continuation.resume() }
        for callback in callbacks { callback() }
    }
}
