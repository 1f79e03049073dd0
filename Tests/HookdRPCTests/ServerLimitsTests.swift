import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import NIOPosix
import Testing

/// The server bounds what clients can hold: a cap on connections, answered with a clear
/// error, and an idle timeout that never cuts a call short.
struct ServerLimitsTests {
    @Test("a client over --max-clients is told so (TooManyClients) and served once a place frees", .timeLimit(.minutes(1)))
    func tooManyClients() async throws {
        try await withServer(maximumClients: 1) { server in
            let refused = try await LineSession.with(path: server.socketPath) { first in
                // The first client holds the one place (its answer shows it was admitted).
                try await first.send([#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"in"},"id":1}"#])
                #expect(try await first.next()["result"] == ["text": "in"])
                let second = RPCClient(socketPath: server.socketPath)
                defer { Task { await second.close() } }
                return await #expect(throws: RPCRemoteError.self) { _ = try await echo(second, "no room") }
            }
            #expect(refused?.data?.reason == "hookd.TooManyClients")
            #expect(refused?.data?.status == "RESOURCE_EXHAUSTED")
            #expect(refused?.message == "hookd serves at most 1 clients at once (--max-clients); try again when one disconnects")
            // The first client has gone: its place frees as soon as the server has seen it go.
            let client = RPCClient(socketPath: server.socketPath)
            var answer: String?
            while answer == nil {
                answer = try? await echo(client, "now there is room")
                if answer == nil { await client.close() }
            }
            #expect(answer == "now there is room")
            await client.close()
        }
    }

    @Test("an idle connection is closed after --idle-timeout with a line saying why", .timeLimit(.minutes(1)))
    func idleTimeout() async throws {
        try await withServer(idleTimeout: .milliseconds(300)) { server in
            try await LineSession.with(path: server.socketPath) { session in
                let notice = try await session.next()
                #expect(notice["id"] == .null)
                #expect(notice.errorReason == "hookd.IdleTimeout")
                #expect(notice.errorStatus == "UNAVAILABLE")
                await #expect(throws: RPCClientError.self) { _ = try await session.next() }
            }
        }
    }

    @Test("a call that takes longer than the idle timeout is answered, not cut off", .timeLimit(.minutes(1)))
    func longCallIsNotIdle() async throws {
        // Seconds, not milliseconds: on a loaded machine the request itself may take a
        // while to be sent after the connection opens.
        try await withServer(idleTimeout: .seconds(2)) { server in
            // The call must reach the server before the connection counts as idle; when the
            // machine is so loaded that it did not (the idle notice came first), that is not
            // the case under test: connect again.
            var answer: JSONValue = .null
            while answer["id"] != 7 {
                answer = try await LineSession.with(path: server.socketPath) { session in
                    do {
                        try await session.send([#"{"jsonrpc":"2.0","method":"Test.Sleep","params":{"milliseconds":5000},"id":7}"#])
                    } catch {
                        // Closed as idle before the request could be written.
                        return .null
                    }
                    let first = try await session.next()
                    if first["id"] == .null { #expect(first.errorReason == "hookd.IdleTimeout") }
                    return first
                }
            }
            #expect(answer["result"] == 5000)
        }
    }

    @Test("a client whose idle connection was closed connects again on its next call", .timeLimit(.minutes(1)))
    func clientReconnectsAfterIdle() async throws {
        // Long enough that the new connection's call reaches the server before that one too
        // counts as idle, on a loaded machine.
        try await withServer(idleTimeout: .seconds(3)) { server in
            let client = RPCClient(socketPath: server.socketPath)
            #expect(try await echo(client, "first") == "first")
            // Wait for the server to have closed it: a raw exchange gets the idle notice.
            let notice = try await client.exchange(rawLine: "", timeout: .seconds(30))
            #expect(notice?.contains("hookd.IdleTimeout") == true)
            #expect(try await echo(client, "again") == "again")
            await client.close()
        }
    }

    @Test(
        "a refused client stalled for seconds before writing can still write, then reads why it was refused",
        .timeLimit(.minutes(1)))
    func refusedClientThatWritesLate() async throws {
        try await withServer(maximumClients: 1) { server in
            try await LineSession.with(path: server.socketPath) { first in
                try await first.send([#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"in"},"id":1}"#])
                #expect(try await first.next()["result"] == ["text": "in"])
                // A bare socket, as a process stalled on a loaded machine: it connects, then
                // writes 3 s later. Had the server closed its end fully, the write would fail
                // (EPIPE) and a client library would drop the connection unread.
                // Its blocking calls run on NIO's thread pool, never on the two threads every
                // test's tasks share.
                let path = server.socketPath
                let late = try await NIOThreadPool.singleton.runIfActive { try RawUnixSocket(path: path) }
                defer { late.close() }
                try await Task.sleep(for: .seconds(3))
                let line = try await NIOThreadPool.singleton.runIfActive {
                    try late.write(#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"late"},"id":2}"# + "\n")
                    return try late.readLine()
                }
                let answer = try JSONValue.parse(Data(line.utf8))
                #expect(answer.errorReason == "hookd.TooManyClients")
                #expect(answer["id"] == .null)
            }
        }
    }
}
