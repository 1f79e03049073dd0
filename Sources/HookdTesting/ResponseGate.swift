import Synchronization

/// Holds a receiver's answers back until the test lets them go: an endpoint that hangs for
/// exactly as long as a test needs, whatever the machine's load, instead of for a guessed
/// delay. Answers are let go oldest first.
public final class ResponseGate: Sendable {
    private struct State {
        var permits = 0
        var open = false
        var held: [@Sendable () -> Void] = []
    }

    /// Guards the permits, whether the gate is open and the answers waiting.
    private let state = Mutex(State())

    /// A closed gate.
    public init() {}

    /// Lets `count` more answers go: those held now first, then those still to come.
    public func release(_ count: Int = 1) {
        let ready = state.withLock { state -> [@Sendable () -> Void] in
            state.permits += count
            let taken = min(state.permits, state.held.count)
            state.permits -= taken
            defer { state.held.removeFirst(taken) }
            return Array(state.held.prefix(taken))
        }
        for answer in ready { answer() }
    }

    /// Lets every answer go, held now or to come.
    public func open() {
        let ready = state.withLock { state -> [@Sendable () -> Void] in
            state.open = true
            defer { state.held = [] }
            return state.held
        }
        for answer in ready { answer() }
    }

    /// Runs `answer` now if a permit or the open gate allows it, else once one does.
    func whenReleased(_ answer: @escaping @Sendable () -> Void) {
        let now = state.withLock { state -> Bool in
            if state.open { return true }
            if state.permits > 0 {
                state.permits -= 1
                return true
            }
            state.held.append(answer)
            return false
        }
        if now { answer() }
    }
}
