import Synchronization

/// Runs an operation but stops waiting for it once a time limit has passed.
///
/// The operation runs in its own task so the answer can go out on time even when the
/// operation does not honour cancellation (a store query, say): it is cancelled when the
/// limit passes, but not waited for. That matches gRPC deadlines: `DEADLINE_EXCEEDED`
/// tells the caller "no answer in time", not "nothing happened".
enum Deadline {
    /// Thrown when `limit` passed before the operation finished.
    struct Exceeded: Error {}

    /// The operation's result, or ``Exceeded`` after `limit`. Cancelling the calling task
    /// cancels the operation and throws `CancellationError`.
    static func run<Value: Sendable>(
        within limit: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await run(until: .now + limit, operation)
    }

    /// The operation's result, or ``Exceeded`` once `end` has passed (at once if it already
    /// has, without starting the operation). Cancelling the calling task cancels the
    /// operation and throws `CancellationError`.
    ///
    /// A pipelined call runs its two phases under one `end`, so `timeoutMs` bounds the whole
    /// call rather than each phase.
    static func run<Value: Sendable>(
        until end: ContinuousClock.Instant, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        guard end > .now else { throw Exceeded() }
        let race = Race<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.start(continuation, end: end, operation)
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// The first of operation, timer and cancellation to finish resumes the caller; the
    /// others are cancelled.
    private final class Race<Value: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Value, any Error>?
            var contenders: [Task<Void, Never>] = []
            var result: Result<Value, any Error>?
        }

        /// Guards the continuation so exactly one contender resumes it.
        private let state = Mutex(State())

        /// Starts the operation and the timer; `continuation` is resumed by whichever wins.
        func start(
            _ continuation: CheckedContinuation<Value, any Error>, end: ContinuousClock.Instant,
            _ operation: @escaping @Sendable () async throws -> Value
        ) {
            let settled: Result<Value, any Error>? = state.withLock { state in
                guard state.result == nil else { return state.result }
                state.continuation = continuation
                return nil
            }
            if let settled {
                // Cancelled before it started.
                continuation.resume(with: settled)
                return
            }
            let work = Task {
                do {
                    finish(.success(try await operation()))
                } catch {
                    finish(.failure(error))
                }
            }
            let timer = Task {
                guard (try? await Task.sleep(until: end, clock: .continuous)) != nil else { return }
                finish(.failure(Exceeded()))
            }
            let alreadyFinished = state.withLock { state in
                state.contenders = [work, timer]
                return state.result != nil
            }
            if alreadyFinished {
                work.cancel()
                timer.cancel()
            }
        }

        /// Settles the race with `result` unless it is already settled.
        func finish(_ result: Result<Value, any Error>) {
            typealias Settlement = (
                continuation: CheckedContinuation<Value, any Error>?, contenders: [Task<Void, Never>]
            )
            let settled: Settlement? = state.withLock { state in
                guard state.result == nil else { return nil }
                state.result = result
                defer { state.continuation = nil }
                return (state.continuation, state.contenders)
            }
            guard let settled else { return }
            for task in settled.contenders { task.cancel() }
            settled.continuation?.resume(with: result)
        }
    }
}
