import HookdCore
import HookdRPC
import Testing

/// A router whose one method answers with the params it decoded: what a params type reads
/// from a request, as a client would see it.
struct EchoRouter<Params: Codable & Sendable> {
    let method: RPCMethod
    private let router: RPCRouter

    init(_ method: RPCMethod, _: Params.Type) {
        self.method = method
        var router = RPCRouter()
        router.register(method) { (params: Params, _) in params }
        self.router = router
    }

    /// The response to a call of the method with `params` (raw JSON text).
    func call(_ params: String) async throws -> JSONValue {
        try #require(
            try await router.answer(#"{"jsonrpc":"2.0","method":"\#(method.rawValue)","params":\#(params),"id":1}"#))
    }
}
