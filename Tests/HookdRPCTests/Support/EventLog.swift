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
        var watchers: [Watcher] = []
    }

    /// Guards the entries against handlers, the server's logger and waiting tests.
    private let state = Mutex(State())

    /// Adds an entry and wakes the tests whose condition now holds.
    func append(_ entry: String) {
        let ready: [(CheckedContinuation<[String], Never>, [String])] = state.withLock { state in
            state.entries.append(entry)
            let entries = state.entries
            var ready: [(CheckedContinuation<[String], Never>, [String])] = []
            state.watchers.removeAll { watcher in
                guard watcher.condition(entries) else { return false }
                ready.append((watcher.continuation, entries))
                return true
            }
            return ready
        }
        for (continuation, entries) in ready { continuation.resume(returning: entries) }
    }

    /// Every entry so far.
    var entries: [String] {
        state.withLock { $0.entries }
    }

    /// Returns the entries once `condition` holds for them.
    @discardableResult
    func wait(until condition: @escaping @Sendable ([String]) -> Bool) async -> [String] {
        await withCheckedContinuation { continuation in
            let entries: [String]? = state.withLock { state in
                if condition(state.entries) { return state.entries }
                state.watchers.append(Watcher(condition: condition, continuation: continuation))
                return nil
            }
            if let entries { continuation.resume(returning: entries) }
        }
    }

    /// Returns the entries once all of `expected` are among them.
    @discardableResult
    func wait(for expected: String...) async -> [String] {
        await wait { entries in expected.allSatisfy(entries.contains) }
    }

    /// A logger at trace level whose messages become entries (`log: MESSAGE`).
    var logger: Logger {
        Logger(label: "hookd.rpc.tests") { _ in EventLogHandler(log: self) }
    }
}

/// Writes each log message into an ``EventLog``.
private struct EventLogHandler: LogHandler {
    let log: EventLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append("log: \(event.message)")
    }
}
