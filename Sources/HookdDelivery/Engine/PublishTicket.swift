import HookdStore
import Synchronization

/// A caller's claim on the outcome of its publish, which commits with others in one
/// transaction: `outcomes` returns once that transaction has committed (or failed).
public final class PublishTicket: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<[PublishOutcome], any Error>)
        case subscribed(@Sendable (Result<[PublishOutcome], any Error>) -> Void)
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
                    case .waiting, .subscribed:
                        preconditionFailure("a publish ticket is awaited once")
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    /// Hands the outcome to `receive` once it is known (at once if it is), on the thread that
    /// settles the ticket: instead of ``outcomes``, for a caller with no task to wait in.
    public func whenSettled(_ receive: @escaping @Sendable (Result<[PublishOutcome], any Error>) -> Void) {
        let ready = state.withLock { state -> Result<[PublishOutcome], any Error>? in
            switch state {
            case .pending:
                state = .subscribed(receive)
                return nil
            case .done(let result):
                return result
            case .waiting, .subscribed:
                preconditionFailure("a publish ticket is awaited once")
            }
        }
        if let ready { receive(ready) }
    }

    /// Settles the ticket; later calls are ignored.
    func settle(_ result: Result<[PublishOutcome], any Error>) {
        let waiter = state.withLock { state -> State? in
            switch state {
            case .pending:
                state = .done(result)
                return nil
            case .waiting, .subscribed:
                let waiter = state
                state = .done(result)
                return waiter
            case .done:
                return nil
            }
        }
        switch waiter {
        case .waiting(let continuation)?: continuation.resume(with: result)
        case .subscribed(let receive)?: receive(result)
        default: break
        }
    }
}
