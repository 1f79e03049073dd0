/// The second half of a pipelined call: the work that finishes it, awaited after the call
/// was admitted.
///
/// A handler registered with ``RPCRouter/registerPipelined(name:_:)`` returns one from its
/// admission phase, which runs in request order; the connection then awaits it alongside
/// later requests, so many calls can be in flight on one connection (or in one batch) at
/// once. What it throws is mapped to a JSON-RPC error exactly as an ordinary handler's errors
/// are.
public struct Pending<Value: Sendable>: Sendable {
    private let completion: @Sendable () async throws -> Value

    /// A call finished by `completion`, which runs once, concurrently with later requests.
    public init(_ completion: @escaping @Sendable () async throws -> Value) {
        self.completion = completion
    }

    /// A call whose answer was already known when it was admitted.
    public static func settled(_ value: Value) -> Pending<Value> {
        Pending { value }
    }

    /// Runs the completion and returns the call's result.
    public func value() async throws -> Value {
        try await completion()
    }
}
