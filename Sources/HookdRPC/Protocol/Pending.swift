/// The second half of a pipelined call: the work that finishes it, awaited after the call
/// was admitted, or handed its result by whatever settles it.
///
/// A handler registered with ``RPCRouter/registerPipelined(name:_:)`` returns one from its
/// admission phase, which runs in request order; the connection then awaits it alongside
/// later requests, so many calls can be in flight on one connection (or in one batch) at
/// once. What it throws is mapped to a JSON-RPC error exactly as an ordinary handler's errors
/// are.
///
/// A call finished by ``init(whenSettled:)`` costs the connection no task: when it is
/// settled, its answer is written from there (see ``RPCConnection``), so a commit that
/// acknowledges many calls at once does not wake a task for each.
public struct Pending<Value: Sendable>: Sendable {
    /// A callback that receives the call's result once, on whichever thread settles it.
    public typealias Settlement = @Sendable (Result<Value, any Error>) -> Void

    private enum Completion: Sendable {
        case awaited(@Sendable () async throws -> Value)
        case settled(@Sendable (@escaping Settlement) -> Void)
    }

    private let completion: Completion

    /// A call finished by `completion`, which runs once, concurrently with later requests.
    public init(_ completion: @escaping @Sendable () async throws -> Value) {
        self.completion = .awaited(completion)
    }

    /// A call finished by whatever settles it: `subscribe` is called once with the callback
    /// to hand the result to, and must call it exactly once (at once when the result is
    /// known already).
    public init(whenSettled subscribe: @escaping @Sendable (@escaping Settlement) -> Void) {
        self.completion = .settled(subscribe)
    }

    /// A call whose answer was already known when it was admitted.
    public static func settled(_ value: Value) -> Pending<Value> {
        Pending { value }
    }

    /// Runs the completion and returns the call's result.
    public func value() async throws -> Value {
        switch completion {
        case .awaited(let completion):
            return try await completion()
        case .settled(let subscribe):
            return try await withCheckedThrowingContinuation { continuation in
                subscribe { continuation.resume(with: $0) }
            }
        }
    }

    /// How to be handed the result without awaiting it; `nil` when the call must be awaited.
    var subscription: (@Sendable (@escaping Settlement) -> Void)? {
        guard case .settled(let subscribe) = completion else { return nil }
        return subscribe
    }
}
