import HookdCore
import HookdRPC

extension RPCRouter {
    /// Registers the handler of a barrier method: it takes the method's params and must
    /// answer with its result type (see ``RPCRouter/register(name:_:)`` for what the router
    /// checks and maps).
    public mutating func register<Params, Result>(
        _ method: APIMethod<Params, Result>, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        precondition(method.kind == .barrier, "\(method.name) is \(method.kind), not a barrier method")
        register(name: method.name, handler)
    }

    /// Registers a pipelined method (see ``RPCRouter/registerPipelined(name:_:)``).
    public mutating func registerPipelined<Params, Result>(
        _ method: APIMethod<Params, Result>,
        _ admission: @escaping @Sendable (Params, RPCContext) async throws -> Pending<Result>
    ) {
        precondition(method.kind == .pipelined, "\(method.name) is \(method.kind), not a pipelined method")
        registerPipelined(name: method.name, admission)
    }

    /// Registers a watch: a barrier call whose handler opens a stream on the connection
    /// (`context.streams`) that sends notifications once the answer is written.
    public mutating func registerWatch<Params, Result>(
        _ method: APIMethod<Params, Result>, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        precondition(method.kind == .watch, "\(method.name) is \(method.kind), not a watch")
        register(name: method.name, handler)
    }
}
