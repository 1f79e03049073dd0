import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// What a router's translator makes of errors that are not `HookdError`.
struct ErrorTranslationTests {
    struct DiskFull: Error {}

    @Test("an error the translator knows is answered as its HookdError; any other stays -32603")
    func translated() async throws {
        var router = RPCRouter()
        router.register(name: "Test.Full") { (_: EmptyParams, _) -> Bool in throw DiskFull() }
        router.register(name: "Test.Other") { (_: EmptyParams, _) -> Bool in throw CocoaError(.fileWriteUnknown) }
        router.translateErrors { error in
            error is DiskFull ? HookdError(.unavailable, reason: "hookd.StorageFull", "disk full") : nil
        }
        let full = try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Full","id":1}"#))
        #expect(full.errorCode == -32014)
        #expect(full.errorStatus == "UNAVAILABLE")
        #expect(full.errorReason == "hookd.StorageFull")
        #expect(full.errorMessage == "disk full")
        let other = try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Other","id":2}"#))
        #expect(other.errorCode == -32603)
    }
}
