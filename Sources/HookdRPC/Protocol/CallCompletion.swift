/// How an admitted call's answer arrives: awaited by a task, or delivered to a callback by
/// whatever settles the call (a commit), with no task waiting.
///
/// A delivered answer comes as a closure that builds it, so the callback decides where the
/// building runs: the connection runs it on its event loop, not on the thread that settled
/// the call (the commit loop, which has the next commit to start).
struct CallCompletion<Value: Sendable>: Sendable {
    /// Hands the answer's builder to a callback, once.
    typealias Delivery = @Sendable (@escaping @Sendable (@escaping @Sendable () -> Value) -> Void) -> Void

    private enum Kind: Sendable {
        case awaited(@Sendable () async -> Value)
        case delivered(Delivery)
    }

    private let kind: Kind

    /// An answer a task awaits.
    init(awaited completion: @escaping @Sendable () async -> Value) {
        kind = .awaited(completion)
    }

    /// An answer handed over by whatever settles the call.
    init(delivered delivery: @escaping Delivery) {
        kind = .delivered(delivery)
    }

    /// Waits for the answer (a delivered one too).
    func value() async -> Value {
        switch kind {
        case .awaited(let completion):
            return await completion()
        case .delivered(let delivery):
            return await withCheckedContinuation { continuation in
                delivery { build in continuation.resume(returning: build()) }
            }
        }
    }

    /// How to be handed the answer without awaiting it; `nil` when it must be awaited.
    var delivery: Delivery? {
        guard case .delivered(let delivery) = kind else { return nil }
        return delivery
    }

    /// The same completion with `transform` applied to its answer, still delivered (and built
    /// lazily) when this one is.
    func map<Other: Sendable>(_ transform: @escaping @Sendable (Value) -> Other) -> CallCompletion<Other> {
        switch kind {
        case .awaited(let completion):
            return CallCompletion<Other>(awaited: { transform(await completion()) })
        case .delivered(let delivery):
            return CallCompletion<Other>(delivered: { receive in delivery { build in receive({ transform(build()) }) } })
        }
    }
}
