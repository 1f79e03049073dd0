import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// A router whose one method answers with the params it decoded: what a params type reads
/// from a request, as a client would see it.
struct EchoRouter<Params: Codable & Sendable> {
    let method: String
    private let router: RPCRouter

    init<Result>(_ method: APIMethod<Params, Result>, _: Params.Type) {
        self.method = method.name
        var router = RPCRouter()
        router.register(name: method.name) { (params: Params, _) in params }
        self.router = router
    }

    /// The response to a call of the method with `params` (raw JSON text).
    func call(_ params: String) async throws -> JSONValue {
        try #require(
            try await router.answer(#"{"jsonrpc":"2.0","method":"\#(method)","params":\#(params),"id":1}"#))
    }
}
