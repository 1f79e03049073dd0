import Foundation
import Synchronization

@testable import HookdDelivery

/// A clock that moves only when a test moves it: sleepers wake when `advance` passes their
/// deadline, so timing is tested without waiting on wall time.
final class ManualClock: EngineClock {
    private struct Sleeper {
        var deadline: Date
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var sleepers: [Int: Sleeper] = [:]
        var nextSleeper = 0
    }

    /// Guards the time and whoever sleeps on it.
    private let state: Mutex<State>

    init(at start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        state = Mutex(State(now: start))
    }

    var now: Date { state.withLock { $0.now } }

    /// How many tasks sleep on the clock, to await.
    let sleepers = StateWatch(0)

    /// How many tasks sleep on the clock now.
    var sleeperCount: Int { sleepers.state }

    func sleep(until deadline: Date) async throws {
        let number = state.withLock { state -> Int? in
            guard deadline > state.now else { return nil }
            state.nextSleeper += 1
            return state.nextSleeper
        }
        guard let number else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let wakeNow = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    if deadline <= state.now { return true }
                    state.sleepers[number] = Sleeper(deadline: deadline, continuation: continuation)
                    sleepers.change { $0 = state.sleepers.count }
                    return false
                }
                if wakeNow {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        continuation.resume()
                    }
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                let sleeper = state.sleepers.removeValue(forKey: number)
                sleepers.change { $0 = state.sleepers.count }
                return sleeper
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time on by `seconds` and wakes every sleeper whose deadline has come.
    func advance(by seconds: TimeInterval) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.addingTimeInterval(seconds)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for key in due.keys { state.sleepers[key] = nil }
            sleepers.change { $0 = state.sleepers.count }
            return Array(due.values)
        }
        for sleeper in due { sleeper.continuation.resume() }
    }
}
