import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// Pipelined calls on a real Unix socket: completions overlap, admission follows arrival,
/// ordinary calls are barriers, and the pending-call limit holds the client back. A broken
/// implementation that answers one frame at a time hangs here rather than failing, hence
/// the time limit.
@Suite(.timeLimit(.minutes(1)))
struct PipelinedConnectionTests {
    let probe = PipelineProbe()

    /// A completion awaited by a task, and one settled by a callback (as a commit settles
    /// a publish, with no task waiting): both must behave alike.
    static let heldMethods = ["Test.Held", "Test.HeldSettled"]

    @Test("a later pipelined call is answered while an earlier one on the same connection is still pending", arguments: Self.heldMethods)
    func completionsOverlap(held: String) async throws {
        try await withServer(router: makePipelineRouter(probe: probe)) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send([request(held, key: "a", id: 1), request(held, key: "b", id: 2)])
                await probe.log.wait(for: "admit a", "admit b")
                probe.latches.open("b")
                let first = try await session.next()
                #expect(first["id"] == 2)
                #expect(first["result"] == "b")
                #expect(!probe.log.entries.contains("complete a"))
                probe.latches.open("a")
                let second = try await session.next()
                #expect(second["id"] == 1)
                #expect(second["result"] == "a")
            }
        }
    }

    @Test("calls are admitted in the order they arrived, whatever order they complete in", arguments: Self.heldMethods)
    func admissionFollowsArrival(held: String) async throws {
        let keys = (0..<100).map { "k\($0)" }
        try await withServer(router: makePipelineRouter(probe: probe)) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send(Array(keys[..<50].enumerated().map { request(held, key: $1, id: $0) }))
                try await session.send(Array(keys[50...].enumerated().map { request(held, key: $1, id: $0 + 50) }))
                let admitted = await probe.log.wait { $0.count == keys.count }
                #expect(admitted == keys.map { "admit \($0)" })
                probe.latches.open(Array(keys.reversed()))
                var answers: [Int64: JSONValue] = [:]
                for _ in keys {
                    let answer = try await session.next()
                    guard case .int(let id)? = answer["id"] else { Issue.record("no id in \(answer)"); return }
                    answers[id] = answer["result"]
                }
                #expect(answers.count == keys.count)
                for (index, key) in keys.enumerated() {
                    #expect(answers[Int64(index)] == .string(key))
                }
            }
        }
    }

    @Test("an ordinary call waits until every earlier call is answered, and later calls wait for it", arguments: Self.heldMethods)
    func barrier(held: String) async throws {
        try await withServer(router: makePipelineRouter(probe: probe), logger: probe.log.logger) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send([
                    request(held, key: "a", id: 1), request(held, key: "b", id: 2),
                    request("Test.Barrier", key: "x", id: 3), request(held, key: "c", id: 4),
                ])
                let seen = await probe.log.wait { $0.contains(Self.barrierWaits) || $0.contains("barrier x") }
                #expect(seen.contains(Self.barrierWaits))
                #expect(!seen.contains("barrier x"))
                probe.latches.open("b")
                #expect(try await session.next()["id"] == 2)
                #expect(!probe.log.entries.contains("barrier x"))
                probe.latches.open("a")
                #expect(try await session.next()["id"] == 1)
                let barrier = try await session.next()
                #expect(barrier["id"] == 3)
                #expect(barrier["result"] == "x")
                probe.latches.open("c")
                #expect(try await session.next()["id"] == 4)
                let events = probe.log.entries.filter { !$0.hasPrefix("log: ") }
                #expect(events == ["admit a", "admit b", "complete b", "complete a", "barrier x", "admit c", "complete c"])
            }
        }
    }

    @Test("a batch of pipelined calls is pipelined itself: a later call can be answered before it", arguments: Self.heldMethods)
    func batchFrameIsPipelined(held: String) async throws {
        try await withServer(router: makePipelineRouter(probe: probe)) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send([
                    "[\(request(held, key: "a", id: 1)),\(request(held, key: "b", id: 2))]",
                    request(held, key: "c", id: 3),
                ])
                await probe.log.wait(for: "admit a", "admit b", "admit c")
                probe.latches.open("c")
                #expect(try await session.next()["id"] == 3)
                probe.latches.open("b")
                await probe.log.wait(for: "complete b")
                probe.latches.open("a")
                let batch = try #require(try await session.next().arrayValue)
                #expect(batch.compactMap { $0["id"] } == [1, 2])
                #expect(batch.compactMap { $0["result"] } == ["a", "b"])
            }
        }
    }

    @Test("pipelined notifications run on a connection but are never answered")
    func notificationsUnanswered() async throws {
        probe.latches.open("n", "m")
        try await withServer(router: makePipelineRouter(probe: probe)) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send([
                    request("Test.Held", key: "n", id: nil), request("Test.Held", key: "m", id: 1),
                    request("Test.FailedCompletion", key: "f", id: nil),
                    // A barrier: answered only after everything before it, so an answer to
                    // a notification would come before this one.
                    request("Test.Barrier", key: "x", id: 2),
                ])
                #expect(try await session.next()["id"] == 1)
                #expect(try await session.next()["id"] == 2)
                #expect(probe.log.entries.contains("complete n"))
            }
        }
    }

    @Test("at maximumPendingCalls the connection stops reading until a pending call is answered", arguments: Self.heldMethods)
    func pendingCallLimit(held: String) async throws {
        try await withServer(
            router: makePipelineRouter(probe: probe), maximumPendingCalls: 2, logger: probe.log.logger
        ) { [probe] server in
            try await LineSession.with(path: server.socketPath) { session in
                try await session.send([
                    request(held, key: "a", id: 1), request(held, key: "b", id: 2),
                    request(held, key: "c", id: 3),
                ])
                let seen = await probe.log.wait { $0.contains(Self.readingStops) || $0.contains("admit c") }
                #expect(seen.contains(Self.readingStops))
                #expect(!seen.contains("admit c"))
                #expect(seen.contains("admit a") && seen.contains("admit b"))
                probe.latches.open("a")
                #expect(try await session.next()["id"] == 1)
                await probe.log.wait(for: "admit c")
                probe.latches.open("b", "c")
                let rest = try await session.ids(count: 2)
                #expect(rest == [2, 3])
                let events = probe.log.entries.filter { !$0.hasPrefix("log: ") }
                #expect(events.firstIndex(of: "complete a")! < events.firstIndex(of: "admit c")!)
            }
        }
    }

    @Test("close() lets admitted pipelined calls finish and answer before serve() returns", arguments: Self.heldMethods)
    func closeFinishesPendingCalls(held: String) async throws {
        let directory = try ScratchDirectory()
        let server = try await RPCServer.bind(
            socketPath: directory.file("s.sock"), router: makePipelineRouter(probe: probe), logger: quietLogger)
        let serving = Task { try await server.serve() }
        try await LineSession.with(path: server.socketPath) { session in
            try await session.send([request(held, key: "a", id: 1), request(held, key: "b", id: 2)])
            await probe.log.wait(for: "admit a", "admit b")
            server.close()
            probe.latches.open("a", "b")
            let ids = try await session.ids(count: 2)
            #expect(ids == [1, 2])
        }
        try await serving.value
    }

    @Test("a client that sends pipelined calls and EOF at once still gets every answer", arguments: Self.heldMethods)
    func answersAfterEndOfInput(held: String) async throws {
        let keys = (0..<20).map { "k\($0)" }
        probe.latches.open(keys)
        try await withServer(router: makePipelineRouter(probe: probe)) { server in
            let answers = try await RawConnection(path: server.socketPath).sendThenReadAll(
                keys.enumerated().map { request(held, key: $1, id: $0) })
            let ids = try Set(answers.compactMap { try JSONValue.parse(Data($0.utf8))["id"] })
            #expect(answers.count == keys.count)
            #expect(ids == Set((0..<20).map { JSONValue.int(Int64($0)) }))
        }
    }

    @Test(
        "a client that sends pipelined calls and EOF before any is settled gets every answer before the connection ends",
        arguments: Self.heldMethods)
    func answersSettledAfterEndOfInput(held: String) async throws {
        let keys = (0..<20).map { "k\($0)" }
        try await withServer(router: makePipelineRouter(probe: probe), logger: probe.log.logger) { [probe] server in
            let answers = try await RawConnection(path: server.socketPath).sendThenReadAll(
                keys.enumerated().map { request(held, key: $1, id: $0) }
            ) {
                // The server has seen the end of input with every call still pending.
                await probe.log.wait(for: "log: RPC client closed its side; answering its pending calls first")
                probe.latches.open(keys)
            }
            let ids = try Set(answers.compactMap { try JSONValue.parse(Data($0.utf8))["id"] })
            #expect(ids == Set((0..<20).map { JSONValue.int(Int64($0)) }))
        }
    }

    @Test("200 concurrent calls on one client are all in flight at once and each gets its own answer", arguments: Self.heldMethods)
    func manyCallsOnOneClient(held: String) async throws {
        let keys = (0..<200).map { "k\($0)" }
        try await withServer(router: makePipelineRouter(probe: probe)) { [probe] server in
            let client = RPCClient(socketPath: server.socketPath)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for key in keys {
                    group.addTask {
                        let answer = try await client.call(name: held, HeldParams(key: key), as: String.self)
                        #expect(answer == key)
                    }
                }
                // No completion can finish before all 200 were admitted, so all 200 were
                // pending on the one connection at once.
                await probe.log.wait { $0.count == keys.count }
                probe.latches.open(keys)
                try await group.waitForAll()
            }
            #expect(probe.log.entries.filter { $0.hasPrefix("complete ") }.count == keys.count)
            await client.close()
        }
    }

    /// What the connection logs when an ordinary call has to wait for pending ones.
    static let barrierWaits = "log: RPC request waits for the connection's pending calls to be answered"
    /// What the connection logs when it reaches its pending-call limit.
    static let readingStops = "log: RPC connection stops reading until a pending call is answered"
}
