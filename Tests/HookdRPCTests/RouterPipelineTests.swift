import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// Pipelined methods in the router: batches whose members complete concurrently, barriers
/// inside a batch, and errors of either phase. A broken implementation that runs members one
/// by one hangs here rather than failing, hence the time limit.
@Suite(.timeLimit(.minutes(1)))
struct RouterPipelineTests {
    let probe = PipelineProbe()

    private func call(_ method: String, key: String = "k", id: Int? = 9, timeoutMs: Int? = nil) async throws -> JSONValue? {
        try await makePipelineRouter(probe: probe).answer(request(method, key: key, id: id, timeoutMs: timeoutMs))
    }

    @Test("a batch of pipelined calls completes its members concurrently and answers in member order")
    func batchCompletesConcurrently() async throws {
        let router = makePipelineRouter(probe: probe)
        let batch = "[" + ["a", "b", "c"].enumerated().map { request("Test.Held", key: $1, id: $0 + 1) }
            .joined(separator: ",") + "]"
        let answer = Task { try await router.answer(batch) }
        await probe.log.wait(for: "admit a", "admit b", "admit c")
        probe.latches.open("c")
        await probe.log.wait(for: "complete c")
        probe.latches.open("b")
        await probe.log.wait(for: "complete b")
        #expect(!probe.log.entries.contains("complete a"))
        probe.latches.open("a")
        let items = try #require(try await answer.value?.arrayValue)
        #expect(items.compactMap { $0["id"] } == [1, 2, 3])
        #expect(items.compactMap { $0["result"] } == ["a", "b", "c"])
        #expect(probe.log.entries == ["admit a", "admit b", "admit c", "complete c", "complete b", "complete a"])
    }

    @Test("an ordinary member of a batch runs once every member before it completed, and later members wait for it")
    func barrierInBatch() async throws {
        let router = makePipelineRouter(probe: probe)
        let batch =
            "[\(request("Test.Held", key: "a", id: 1)),\(request("Test.Barrier", key: "x", id: 2)),"
            + "\(request("Test.Held", key: "b", id: 3))]"
        let answer = Task { try await router.answer(batch, logger: probe.log.logger) }
        let seen = await probe.log.wait { $0.contains(Self.batchBarrierWaits) || $0.contains("barrier x") }
        #expect(seen.contains(Self.batchBarrierWaits))
        #expect(!seen.contains("barrier x"))
        probe.latches.open("a", "b")
        let items = try #require(try await answer.value?.arrayValue)
        #expect(items.compactMap { $0["id"] } == [1, 2, 3])
        #expect(items.compactMap { $0["result"] } == ["a", "x", "b"])
        let events = probe.log.entries.filter { !$0.hasPrefix("log: ") }
        #expect(events == ["admit a", "complete a", "barrier x", "admit b", "complete b"])
    }

    @Test("a HookdError thrown in admission is an application error, and the call is over")
    func admissionError() async throws {
        let response = try #require(try await call("Test.RefusedAdmission"))
        #expect(response.errorCode == -32005)
        #expect(response.errorMessage == #"webhook "ghost" not found"#)
        #expect(response.errorStatus == "NOT_FOUND")
        #expect(response.errorReason == "hookd.WebhookNotFound")
        #expect(response["id"] == 9)
    }

    @Test("a HookdError thrown in completion is an application error with its violations")
    func completionError() async throws {
        let response = try #require(try await call("Test.FailedCompletion"))
        #expect(response.errorCode == -32003)
        #expect(response.errorStatus == "INVALID_ARGUMENT")
        #expect(response.violations == ["url": "must be https"])
        #expect(response["id"] == 9)
    }

    @Test("any other error thrown in completion is -32603 and its details are not sent")
    func completionCrash() async throws {
        let response = try #require(try await call("Test.CrashedCompletion"))
        #expect(response.errorCode == -32603)
        #expect(response.errorReason == "hookd.Internal")
        #expect(!"\(response)".contains("secret"))
    }

    @Test("params that do not fit a pipelined method answer -32602 and its admission never runs")
    func invalidParams() async throws {
        let router = makePipelineRouter(probe: probe)
        let wrongType = try #require(
            try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Held","params":{"key":1},"id":1}"#))
        #expect(wrongType.errorCode == -32602)
        #expect(wrongType.violations == ["key": "expected string, got number"])
        let unknown = try #require(
            try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Held","params":{"key":"k","extra":1},"id":2}"#))
        #expect(unknown.errorCode == -32602)
        #expect(unknown.violations?.keys.contains("extra") == true)
        let badTimeout = try #require(
            try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Held","params":{"key":"k","timeoutMs":0},"id":3}"#))
        #expect(badTimeout.errorCode == -32602)
        #expect(badTimeout.violations?.keys.contains("timeoutMs") == true)
        #expect(probe.log.entries.isEmpty)
    }

    @Test("timeoutMs bounds the completion of a pipelined call")
    func deadlineInCompletion() async throws {
        defer { probe.latches.open("never") }
        let response = try #require(try await call("Test.Held", key: "never", timeoutMs: 50))
        #expect(response.errorCode == -32004)
        #expect(response.errorReason == "hookd.DeadlineExceeded")
        // Admitted, then timed out waiting for the completion (which the deadline cancels).
        #expect(probe.log.entries.first == "admit never")
    }

    @Test("timeoutMs bounds the admission of a pipelined call")
    func deadlineInAdmission() async throws {
        defer { probe.latches.open("never") }
        let response = try #require(try await call("Test.StuckAdmission", key: "never", timeoutMs: 50))
        #expect(response.errorCode == -32004)
        #expect(response.errorMessage?.contains("50 ms") == true)
    }

    @Test("timeoutMs covers both phases together: two 150 ms phases exceed 200 ms")
    func deadlineCoversBothPhases() async throws {
        let late = try #require(try await call("Test.SlowPhases", timeoutMs: 200))
        #expect(late.errorCode == -32004)
        let inTime = try #require(try await call("Test.SlowPhases", timeoutMs: 60_000))
        #expect(inTime["result"] == "k")
    }

    @Test("a pipelined notification runs both phases and gets no answer")
    func notification() async throws {
        probe.latches.open("n")
        #expect(try await call("Test.Held", key: "n", id: nil) == nil)
        #expect(probe.log.entries == ["admit n", "complete n"])
    }

    @Test("pipelined notifications that fail in either phase or on their params still get no answer")
    func failingNotifications() async throws {
        #expect(try await call("Test.RefusedAdmission", id: nil) == nil)
        #expect(try await call("Test.FailedCompletion", id: nil) == nil)
        #expect(try await call("Test.CrashedCompletion", id: nil) == nil)
        let router = makePipelineRouter(probe: probe)
        #expect(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Held","params":{"key":1}}"#) == nil)
    }

    @Test("a batch answers failures of either phase per member, in member order, and skips notifications")
    func batchWithFailures() async throws {
        probe.latches.open("ok", "quiet")
        let router = makePipelineRouter(probe: probe)
        let members = [
            request("Test.RefusedAdmission", key: "r", id: 1),
            request("Test.FailedCompletion", key: "f", id: 2),
            request("Test.Held", key: "ok", id: 3),
            request("Test.Held", key: "quiet", id: nil),
            request("Nope", key: "n", id: 5),
            #"{"jsonrpc":"2.0","method":"Test.Held","params":{"key":1},"id":6}"#,
        ]
        let items = try #require(try await router.answer("[" + members.joined(separator: ",") + "]")?.arrayValue)
        #expect(items.compactMap { $0["id"] } == [1, 2, 3, 5, 6])
        #expect(items.map(\.errorCode) == [-32005, -32003, nil, -32601, -32602])
        #expect(items[2]["result"] == "ok")
        #expect(probe.log.entries.contains("complete quiet"))
    }

    @Test("a batch of pipelined notifications gets no answer at all")
    func allNotificationBatch() async throws {
        probe.latches.open("1", "2")
        let router = makePipelineRouter(probe: probe)
        let batch = "[\(request("Test.Held", key: "1", id: nil)),\(request("Test.Held", key: "2", id: nil))]"
        #expect(try await router.answer(batch) == nil)
        #expect(Set(probe.log.entries) == ["admit 1", "admit 2", "complete 1", "complete 2"])
    }

    /// What the router logs when a batch's ordinary member has to wait.
    static let batchBarrierWaits = "log: RPC batch member waits for the members before it to complete"
}
