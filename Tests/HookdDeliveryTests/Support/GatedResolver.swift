import HookdCore
import HookdDelivery
import Synchronization

/// A resolver whose lookups hang until the test opens the gate.
final class GatedResolver: HostResolver {
    private struct State {
        var isOpen = false
        var lookups = 0
        var held: [CheckedContinuation<Void, Never>] = []
        var lookupWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let answer: [IPAddress]
    /// Guards the gate, the lookups counted and the tasks held at the gate.
    private let state = Mutex(State())

    init(answer: [IPAddress]) {
        self.answer = answer
    }

    var lookups: Int { state.withLock { $0.lookups } }

    /// Returns once a lookup has reached the gate.
    func waitForLookup() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.lookups > 0 { return true }
                state.lookupWaiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Lets every held lookup (and every later one) answer.
    func open() {
        let (held, waiters) = state.withLock { state in
            state.isOpen = true
            defer {
                state.held = []
                state.lookupWaiters = []
            }
            return (state.held, state.lookupWaiters)
        }
        for continuation in held + waiters { continuation.resume() }
    }

    func addresses(of host: String, timeout: Interval) async throws(ResolutionFailure) -> [IPAddress] {
        await withCheckedContinuation { continuation in
            let (pass, waiters) = state.withLock { state in
                state.lookups += 1
                defer { state.lookupWaiters = [] }
                if !state.isOpen { state.held.append(continuation) }
                return (state.isOpen, state.lookupWaiters)
            }
            for waiter in waiters { waiter.resume() }
            if pass { continuation.resume() }
        }
        return answer
    }
}
