import Synchronization

/// Shared state that tests can await a condition on, woken by every change: no polling on
/// wall time.
final class StateWatch<State: Sendable>: Sendable {
    private struct Waiter {
        var condition: @Sendable (State) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct Box {
        var state: State
        var waiters: [Waiter] = []
    }

    /// Guards the state and who waits on it.
    private let box: Mutex<Box>

    init(_ state: State) {
        box = Mutex(Box(state: state))
    }

    var state: State { box.withLock { $0.state } }

    /// Changes the state and wakes the waiters whose condition now holds.
    @discardableResult
    func change<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        let (result, ready) = try box.withLock { box -> (Result, [Waiter]) in
            let result = try body(&box.state)
            let state = box.state
            let ready = box.waiters.filter { $0.condition(state) }
            box.waiters.removeAll { $0.condition(state) }
            return (result, ready)
        }
        for waiter in ready { waiter.continuation.resume() }
        return result
    }

    /// Returns once `condition` holds.
    func wait(until condition: @escaping @Sendable (State) -> Bool) async {
        await withCheckedContinuation { continuation in
            let now = box.withLock { box -> Bool in
                if condition(box.state) { return true }
                box.waiters.append(Waiter(condition: condition, continuation: continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}
