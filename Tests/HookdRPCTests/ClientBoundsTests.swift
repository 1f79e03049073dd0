import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// A request the daemon cannot take never leaves the client waiting: it is refused before it
/// is sent, and an error answer the daemon could not address (id null) ends the call.
struct ClientBoundsTests {
    @Test("a request over the client's frame limit is refused before anything is sent")
    func refusedBeforeSending() async throws {
        let recorder = Recorder()
        try await withServer(router: makeTestRouter(recorder: recorder)) { server in
            let client = RPCClient(socketPath: server.socketPath, maximumRequestBytes: 1000)
            let text = String(repeating: "x", count: 2000)
            await #expect {
                _ = try await client.call(name: "Test.Record", EchoParams(text: text), as: Bool.self)
            } throws: { error in
                guard case RPCClientError.requestTooLarge(let bytes, let limit)? = error as? RPCClientError else {
                    return false
                }
                return bytes > 2000 && limit == 1000
                    && "\(error)" == "the request is \(ByteSize(bytes: bytes).spelledOut), more than the 1000 bytes "
                        + "hookd reads in one call; nothing was sent"
            }
            // The same client still works, and the daemon never saw the big request.
            let recorded = try await client.call(name: "Test.Record", EchoParams(text: "small"), as: Bool.self)
            #expect(recorded)
            #expect(recorder.recorded == ["small"])
            await client.close()
        }
    }

    @Test("a client with a probe learns the daemon's larger limit once, then sends what fits it")
    func learnsALargerLimit() async throws {
        let recorder = Recorder()
        let probes = Recorder()
        try await withServer(router: makeTestRouter(recorder: recorder), maximumFrameBytes: 512 * 1024) { server in
            let client = RPCClient(
                socketPath: server.socketPath, maximumRequestBytes: 100_000,
                requestLimitProbe: { _ in
                    probes.record("asked")
                    return 512 * 1024
                })
            let fits = String(repeating: "x", count: 200_000)
            let sent = try await client.call(name: "Test.Record", EchoParams(text: fits), as: Bool.self)
            #expect(sent)
            let tooLarge = String(repeating: "y", count: 600_000)
            await #expect {
                _ = try await client.call(name: "Test.Record", EchoParams(text: tooLarge), as: Bool.self)
            } throws: { error in
                guard case RPCClientError.requestTooLarge(_, let limit)? = error as? RPCClientError else { return false }
                return limit == 512 * 1024
            }
            // Small calls never ask; the limit is asked for once per client.
            let small = try await client.call(name: "Test.Record", EchoParams(text: "small"), as: Bool.self)
            #expect(small)
            #expect(probes.recorded == ["asked"])
            #expect(recorder.recorded == [fits, "small"])
            await client.close()
        }
    }

    @Test("a client with a probe refuses unsent what is over a daemon's smaller limit")
    func learnsASmallerLimit() async throws {
        let recorder = Recorder()
        try await withServer(router: makeTestRouter(recorder: recorder), maximumFrameBytes: 70_000) { server in
            let client = RPCClient(socketPath: server.socketPath, requestLimitProbe: { _ in 70_000 })
            await #expect {
                _ = try await client.call(name: "Test.Record", EchoParams(text: String(repeating: "z", count: 80_000)), as: Bool.self)
            } throws: { error in
                guard case RPCClientError.requestTooLarge(_, let limit)? = error as? RPCClientError else { return false }
                return limit == 70_000
            }
            #expect(recorder.recorded.isEmpty)
            await client.close()
        }
    }

    @Test("the client's default limit is the daemon's default frame limit")
    func defaultLimit() {
        #expect(RPCClient.defaultMaximumRequestBytes == RPCServer.defaultMaximumFrameBytes)
        #expect(RPCServer.defaultMaximumFrameBytes == 4 * 1024 * 1024)
    }

    @Test("a daemon's FrameTooLarge answer (id null) ends the call instead of leaving it waiting", .timeLimit(.minutes(1)))
    func nullIDErrorEndsTheCall() async throws {
        try await withServer(maximumFrameBytes: 200) { server in
            let client = RPCClient(socketPath: server.socketPath)
            let error = await #expect(throws: RPCRemoteError.self) {
                _ = try await echo(client, String(repeating: "x", count: 1000))
            }
            #expect(error?.data?.reason == "hookd.FrameTooLarge")
            #expect(error?.message.contains("200") == true)
            // The connection goes on serving calls that fit.
            let echoed = try await echo(client, "fits")
            #expect(echoed == "fits")
            await client.close()
        }
    }
}
