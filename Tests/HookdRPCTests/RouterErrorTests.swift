import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// How handler outcomes become answers: HookdError, other errors, deadlines.
struct RouterErrorTests {
    private func call(_ router: RPCRouter, _ method: String, params: String = "{}") async throws -> JSONValue {
        try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"\#(method)","params":\#(params),"id":9}"#))
    }

    @Test("a HookdError becomes code -32000 - grpcCode with its status, reason and message")
    func hookdErrorMapping() async throws {
        let response = try await call(makeTestRouter(), "Test.NotFound")
        #expect(response.errorCode == -32005)
        #expect(response.errorMessage == #"webhook "ghost" not found"#)
        #expect(response.errorStatus == "NOT_FOUND")
        #expect(response.errorReason == "hookd.WebhookNotFound")
        #expect(response["error"]?["data"]?["violations"] == nil)
        #expect(response["id"] == 9)
    }

    @Test("a HookdError's violations are passed on")
    func hookdErrorViolations() async throws {
        let response = try await call(makeTestRouter(), "Test.BadField")
        #expect(response.errorCode == -32003)
        #expect(response.violations == ["url": "must be https"])
    }

    @Test("every status maps to its own application code")
    func everyStatus() async throws {
        var router = RPCRouter()
        for status in ErrorStatus.allCases {
            router.register(name: status.rawValue) { (_: EmptyParams, _) -> Bool in
                throw HookdError(status, reason: "hookd.Test", "failed")
            }
        }
        for status in ErrorStatus.allCases {
            let response = try await call(router, status.rawValue)
            #expect(response.errorCode == Int64(-32000 - status.grpcCode))
            #expect(response.errorStatus == status.rawValue)
        }
    }

    @Test("any other error is -32603 INTERNAL and its details are not sent")
    func internalError() async throws {
        let response = try await call(makeTestRouter(), "Test.Crash")
        #expect(response.errorCode == -32603)
        #expect(response.errorMessage == "Internal error")
        #expect(response.errorStatus == "INTERNAL")
        #expect(response.errorReason == "hookd.Internal")
        #expect(!"\(response)".contains("secret"))
    }

    @Test("a handler that outlives timeoutMs answers DEADLINE_EXCEEDED")
    func deadlineExceeded() async throws {
        let response = try await call(makeTestRouter(), "Test.Sleep", params: #"{"milliseconds":60000,"timeoutMs":50}"#)
        #expect(response.errorCode == -32004)
        #expect(response.errorStatus == "DEADLINE_EXCEEDED")
        #expect(response.errorReason == "hookd.DeadlineExceeded")
        #expect(response.errorMessage?.contains("50 ms") == true)
    }

    @Test("the deadline answer goes out on time even when the handler ignores cancellation")
    func deadlineWithStuckHandler() async throws {
        let gate = Gate()
        defer { gate.open() }
        let response = try await call(makeTestRouter(gate: gate), "Test.Stuck", params: #"{"timeoutMs":50}"#)
        #expect(response.errorCode == -32004)
    }

    @Test("a handler that finishes within timeoutMs answers normally")
    func withinDeadline() async throws {
        let response = try await call(makeTestRouter(), "Test.Sleep", params: #"{"milliseconds":1,"timeoutMs":60000}"#)
        #expect(response["result"] == 1)
    }
}
