import HookdTesting
import Logging
import Synchronization

/// What happened, in order: handlers and the server's log write entries, and tests await
/// the entries they expect instead of sleeping.
final class EventLog: Sendable {
    private struct Watcher {
        var condition: @Sendable ([String]) -> Bool
        var continuation: CheckedContinuation<[String], Never>
    }

    private struct State {
        var entries: [String] = []
        var nextWatcher = 0
        var watchers: [Int: Watcher] = [:]
    }

    /// Guards the entries against handlers, the server's logger and waiting tests.
    private let state = Mutex(State())

    /// Adds an entry and wakes the tests whose condition now holds.
    func append(_ entry: String) {
        let (ready, entries): ([CheckedContinuation<[String], Never>], [String]) = state.withLock { state in
            state.entries.append(entry)
            let entries = state.entries
            let met = state.watchers.filter { $0.value.condition(entries) }
            for number in met.keys { state.watchers[number] = nil }
            return (met.values.map(\.continuation), entries)
        }
        for continuation in ready { continuation.resume(returning: entries) }
    }

    /// Every entry so far.
    var entries: [String] {
        state.withLock { $0.entries }
    }

    /// Returns the entries once `condition` holds for them, or as they are when the waiting
    /// task is cancelled (a test past its time limit), so the test's expectations fail
    /// instead of hanging.
    @discardableResult
    func wait(until condition: @escaping @Sendable ([String]) -> Bool) async -> [String] {
        let number = state.withLock { state in
            defer { state.nextWatcher += 1 }
            return state.nextWatcher
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let entries: [String]? = state.withLock { state in
                    if condition(state.entries) || Task.isCancelled { return state.entries }
                    state.watchers[number] = Watcher(condition: condition, continuation: continuation)
                    return nil
                }
                if let entries { continuation.resume(returning: entries) }
            }
        } onCancel: {
            let cancelled = state.withLock { state in
                state.watchers.removeValue(forKey: number).map { ($0.continuation, state.entries) }
            }
            if let (continuation, entries) = cancelled { continuation.resume(returning: entries) }
        }
    }

    /// Returns the entries once all of `expected` are among them.
    @discardableResult
    func wait(for expected: String...) async -> [String] {
        await wait { entries in expected.allSatisfy(entries.contains) }
    }

    /// A logger at trace level whose messages become entries (`log: MESSAGE`).
    var logger: Logger {
        Logger(label: "hookd.rpc.tests") { _ in LineLogHandler { _, message in self.append("log: \(message)") } }
    }
}
