import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// The server on a real Unix socket: the file it creates, stale and live sockets, framing
/// limits and many clients at once.
struct ServerSocketTests {
    @Test("the socket file is created with mode 0600 and removed when the server stops")
    func socketFileMode() async throws {
        let path = try await withServer { server in
            let attributes = try FileManager.default.attributesOfItem(atPath: server.socketPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(attributes[.type] as? FileAttributeType == .typeSocket)
            return server.socketPath
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a stale socket file left by a dead server is replaced")
    func staleSocketReplaced() async throws {
        let directory = try ScratchDirectory()
        let path = directory.file("s.sock")
        try makeStaleSocket(at: path)
        #expect(FileManager.default.fileExists(atPath: path))

        let server = try await RPCServer.bind(socketPath: path, router: makeTestRouter(), logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            let client = RPCClient(socketPath: path)
            let echoed = try await echo(client, "fresh")
            #expect(echoed == "fresh")
            await client.close()
            server.close()
            try await group.waitForAll()
        }
    }

    @Test("a socket a live server answers on is never taken over")
    func liveSocketNotStolen() async throws {
        try await withServer { server in
            await #expect(throws: RPCServerError.socketInUse(server.socketPath)) {
                _ = try await RPCServer.bind(
                    socketPath: server.socketPath, router: makeTestRouter(), logger: quietLogger)
            }
            // The first server is unharmed.
            let client = RPCClient(socketPath: server.socketPath)
            let echoed = try await echo(client, "still here")
            #expect(echoed == "still here")
            await client.close()
        }
    }

    @Test("a path that exists and is not a socket is refused and left alone")
    func notASocket() async throws {
        let directory = try ScratchDirectory()
        let path = directory.file("s.sock")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        await #expect(throws: RPCServerError.notASocket(path)) {
            _ = try await RPCServer.bind(socketPath: path, router: makeTestRouter(), logger: quietLogger)
        }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
    }

    @Test("a missing directory and an over-long path get clear errors")
    func badPaths() async throws {
        let directory = try ScratchDirectory()
        let missing = directory.file("nope/s.sock")
        await #expect(throws: RPCServerError.directoryMissing(missing, directory: directory.file("nope"))) {
            _ = try await RPCServer.bind(socketPath: missing, router: makeTestRouter(), logger: quietLogger)
        }
        let long = directory.file(String(repeating: "l", count: 120))
        let error = await #expect(throws: RPCServerError.self) {
            _ = try await RPCServer.bind(socketPath: long, router: makeTestRouter(), logger: quietLogger)
        }
        #expect(error?.code == .pathTooLong)
        #expect(error?.description.contains("107") == true)
    }

    @Test("20 clients making 20 calls each, all at once, each get their own answers")
    func concurrentClients() async throws {
        try await withServer { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for clientNumber in 0..<20 {
                    group.addTask {
                        let client = RPCClient(socketPath: server.socketPath)
                        for callNumber in 0..<20 {
                            let text = "\(clientNumber)-\(callNumber)"
                            let echoed = try await echo(client, text)
                            #expect(echoed == text)
                        }
                        await client.close()
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test("concurrent calls on one client are matched to their answers")
    func concurrentCallsOnOneClient() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<50 {
                    group.addTask {
                        let echoed = try await echo(client, "\(number)")
                        #expect(echoed == "\(number)")
                    }
                }
                try await group.waitForAll()
            }
            await client.close()
        }
    }

    @Test("an oversized frame is answered with -32600 FrameTooLarge and the connection keeps working")
    func oversizedThenNormal() async throws {
        try await withServer(maximumFrameBytes: 1024) { server in
            let client = RPCClient(socketPath: server.socketPath)
            let padding = String(repeating: "x", count: 100_000)
            let line = try #require(
                try await client.exchange(
                    rawLine: #"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"\#(padding)"},"id":1}"#))
            let response = try JSONValue.parse(Data(line.utf8))
            #expect(response.errorCode == -32600)
            #expect(response.errorMessage == "Invalid Request: frame exceeds 1024 bytes (hookd --max-request-bytes)")
            #expect(response.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(response.errorReason == "hookd.FrameTooLarge")
            #expect(response["id"] == .null)
            let echoed = try await echo(client, "after")
            #expect(echoed == "after")
            await client.close()
        }
    }

    @Test("requests on one connection are answered in the order they were sent")
    func inOrderOnOneConnection() async throws {
        try await withServer { server in
            let lines = (0..<10).map { number in
                // Earlier requests sleep longer, so answering out of order would show.
                #"{"jsonrpc":"2.0","method":"Test.Sleep","params":{"milliseconds":\#(10 - number)},"id":\#(number)}"#
            }
            let answers = try await RawConnection(path: server.socketPath).sendThenReadAll(lines)
            #expect(try answers.map { try JSONValue.parse(Data($0.utf8))["id"] } == (0..<10).map { .int(Int64($0)) })
        }
    }

    @Test("a client that sends its request and EOF at once still gets the whole answer, however large")
    func answerAfterEndOfInput() async throws {
        try await withServer { server in
            let size = 8 * 1024 * 1024
            let answers = try await RawConnection(path: server.socketPath).sendThenReadAll([
                #"{"jsonrpc":"2.0","method":"Test.Big","params":{"bytes":\#(size)},"id":1}"#
            ])
            let answer = try #require(answers.first)
            #expect(answers.count == 1)
            #expect(try JSONValue.parse(Data(answer.utf8))["result"]?.stringValue?.utf8.count == size)
        }
    }

    @Test("handlers see the connecting process's credentials")
    func peerCredentials() async throws {
        try await withServer { server in
            let client = RPCClient(socketPath: server.socketPath)
            let peer = try await client.call(name: "Test.Peer", EmptyParams(), as: [Int32].self)
            #expect(peer == [getpid(), Int32(bitPattern: getuid()), Int32(bitPattern: getgid())])
            await client.close()
        }
    }

    @Test("close() lets a request in progress finish and answer before serve() returns")
    func closeFinishesCurrentRequest() async throws {
        let gate = Gate()
        let directory = try ScratchDirectory()
        let server = try await RPCServer.bind(
            socketPath: directory.file("s.sock"), router: makeTestRouter(gate: gate), logger: quietLogger)
        let serving = Task { try await server.serve() }
        let client = RPCClient(socketPath: server.socketPath)
        // A first call proves the connection is open before the stuck call is made.
        let echoed = try await echo(client, "ready")
        #expect(echoed == "ready")
        let stuck = Task { try await client.call(name: "Test.Stuck", EmptyParams(), as: String.self) }
        await gate.arrival()
        server.close()
        gate.open()
        #expect(try await stuck.value == "released")
        try await serving.value
        await client.close()
    }

    @Test("cancelling serve() stops the server and returns normally")
    func cancellation() async throws {
        let directory = try ScratchDirectory()
        let server = try await RPCServer.bind(
            socketPath: directory.file("s.sock"), router: makeTestRouter(), logger: quietLogger)
        let serving = Task { try await server.serve() }
        let client = RPCClient(socketPath: server.socketPath)
        let echoed = try await echo(client, "up")
        #expect(echoed == "up")
        serving.cancel()
        try await serving.value
        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
        await client.close()
    }
}
