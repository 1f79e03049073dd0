import Synchronization

/// Shared state that tests can await a condition on, woken by every change: no polling on
/// wall time.
final class StateWatch<State: Sendable>: Sendable {
    private struct Waiter {
        var id: Int
        var condition: @Sendable (State) -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct Box {
        var state: State
        var waiters: [Waiter] = []
        var nextWaiter = 0
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

    /// Returns once `condition` holds, or when the task is cancelled.
    func wait(until condition: @escaping @Sendable (State) -> Bool) async {
        let id = box.withLock { box -> Int in
            box.nextWaiter += 1
            return box.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = box.withLock { box -> Bool in
                    if Task.isCancelled || condition(box.state) { return true }
                    box.waiters.append(Waiter(id: id, condition: condition, continuation: continuation))
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = box.withLock { box -> Waiter? in
                guard let index = box.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return box.waiters.remove(at: index)
            }
            waiter?.continuation.resume()
        }
    }
}
