import HookdStore
import Synchronization

/// A caller's claim on the outcome of its publish, which commits with others in one
/// transaction: `outcomes` returns once that transaction has committed (or failed).
public final class PublishTicket: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<[PublishOutcome], any Error>)
        case done(Result<[PublishOutcome], any Error>)
    }

    /// Guards the outcome and the caller waiting for it.
    private let state = Mutex(State.pending)

    init() {}

    /// The outcome of each event, in the order given; throws what the commit threw.
    public var outcomes: [PublishOutcome] {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<[PublishOutcome], any Error>? in
                    switch state {
                    case .pending:
                        state = .waiting(continuation)
                        return nil
                    case .done(let result):
                        return result
                    case .waiting:
                        preconditionFailure("a publish ticket is awaited once")
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    /// Settles the ticket; later calls are ignored.
    func settle(_ result: Result<[PublishOutcome], any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<[PublishOutcome], any Error>? in
            switch state {
            case .pending:
                state = .done(result)
                return nil
            case .waiting(let continuation):
                state = .done(result)
                return continuation
            case .done:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}
