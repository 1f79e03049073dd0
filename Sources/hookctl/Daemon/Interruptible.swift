import Foundation

/// Runs a command's long wait (a watch) until it ends or the operator presses Ctrl-C.
enum Interruptible {
    /// How the wait ended.
    enum Ending: Sendable {
        case finished
        case interrupted
    }

    /// Runs `body`; SIGINT cancels it (its connection closes cleanly) and returns
    /// ``Ending/interrupted`` instead of killing the process mid-line.
    static func run(_ body: @escaping @Sendable () async throws -> Void) async throws -> Ending {
        signal(SIGINT, SIG_IGN)
        let task = Task { try await body() }
        let interrupted = InterruptFlag()
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            interrupted.set()
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        do {
            try await task.value
        } catch where interrupted.isSet {
            return .interrupted
        }
        return interrupted.isSet ? .interrupted : .finished
    }
}
