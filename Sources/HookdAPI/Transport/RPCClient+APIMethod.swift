import HookdCore
import HookdRPC

extension RPCClient {
    /// Calls an API method with its params and reads its result: the descriptor fixes both
    /// types, so a call with the wrong ones does not compile.
    ///
    /// - Throws: `RPCRemoteError` when the daemon answers with an error, `RPCClientError`
    ///   when it cannot be reached or the answer cannot be read.
    public func call<Params, Result>(
        _ method: APIMethod<Params, Result>, _ params: Params, as: Result.Type = Result.self
    ) async throws -> Result {
        try await call(name: method.name, params, as: Result.self)
    }
}
