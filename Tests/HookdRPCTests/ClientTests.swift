import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// What the client promises: clear errors when the daemon is away, remote errors as
/// values, raw exchanges that cannot hang.
struct ClientTests {
    @Test("calling with no socket file throws daemonNotRunning")
    func noSocketFile() async throws {
        let directory = try ScratchDirectory()
        let client = RPCClient(socketPath: directory.file("absent.sock"))
        await #expect {
            _ = try await echo(client, "x")
        } throws: { error in
            guard case RPCClientError.daemonNotRunning(let path)? = error as? RPCClientError else { return false }
            return path == directory.file("absent.sock")
        }
    }

    @Test("calling a socket nobody listens on throws daemonNotRunning")
    func refusedConnection() async throws {
        let directory = try ScratchDirectory()
        let path = directory.file("s.sock")
        try makeStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let client = RPCClient(socketPath: path)
        await #expect {
            _ = try await echo(client, "x")
        } throws: { error in
            guard case RPCClientError.daemonNotRunning? = error as? RPCClientError else { return false }
            return true
        }
    }

    @Test("an error answer is thrown as RPCRemoteError with code, message and data")
    func remoteError() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            await #expect(
                throws: RPCRemoteError(
                    code: -32005, message: #"webhook "ghost" not found"#,
                    data: RPCErrorData(status: "NOT_FOUND", reason: "hookd.WebhookNotFound"))
            ) {
                _ = try await client.call(name: "Test.NotFound", EmptyParams(), as: Bool.self)
            }
            let invalid = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(name: "Test.Echo", ["text": 1], as: EchoParams.self)
            }
            #expect(invalid?.code == -32602)
            #expect(invalid?.data?.violations == [Violation(field: "text", description: "expected string, got number")])
            let echoed = try await echo(client, "still usable")
            #expect(echoed == "still usable")
            await client.close()
        }
    }

    @Test("a result that does not fit the expected type is a malformedResponse")
    func malformedResult() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            await #expect {
                _ = try await client.call(name: "Test.Empty", EmptyParams(), as: Int.self)
            } throws: { error in
                guard case RPCClientError.malformedResponse? = error as? RPCClientError else { return false }
                return true
            }
            await client.close()
        }
    }

    @Test("exchange returns the raw answer line, and nil after the timeout for a notification")
    func rawExchange() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            let parseError = try #require(try await client.exchange(rawLine: #"{"jsonrpc":"2.0","#))
            #expect(try JSONValue.parse(Data(parseError.utf8)).errorCode == -32700)
            let batch = try #require(
                try await client.exchange(
                    rawLine:
                        #"[{"jsonrpc":"2.0","method":"Test.Empty","id":1},{"jsonrpc":"2.0","method":"Test.Empty"}]"#))
            #expect(try JSONValue.parse(Data(batch.utf8)).arrayValue?.count == 1)
            let silence = try await client.exchange(
                rawLine: #"{"jsonrpc":"2.0","method":"Test.Empty"}"#, timeout: .milliseconds(200))
            #expect(silence == nil)
            // The connection survived the timeout.
            let echoed = try await echo(client, "after")
            #expect(echoed == "after")
            await client.close()
        }
    }

    @Test("a late answer to a timed-out exchange does not end up as the next call's answer")
    func lateAnswerDropped() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            let late = try await client.exchange(
                rawLine: #"{"jsonrpc":"2.0","method":"Test.Sleep","params":{"milliseconds":300},"id":"slow"}"#,
                timeout: .milliseconds(10))
            #expect(late == nil)
            let echoed = try await echo(client, "mine")
            #expect(echoed == "mine")
            await client.close()
        }
    }

    @Test("the client reconnects after the daemon restarts")
    func reconnects() async throws {
        let directory = try ScratchDirectory()
        let path = directory.file("s.sock")
        let client = RPCClient(socketPath: path)
        for round in 0..<2 {
            let server = try await RPCServer.bind(socketPath: path, router: makeTestRouter(), logger: quietLogger)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.serve() }
                let echoed = try await echo(client, "round \(round)")
                #expect(echoed == "round \(round)")
                server.close()
                try await group.waitForAll()
            }
        }
        await client.close()
    }
}
