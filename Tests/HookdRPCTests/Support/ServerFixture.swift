import HookdAPI
import HookdRPC
import Logging

/// Runs a real server on a fresh socket for the duration of `body`, then closes it and
/// waits until `serve()` has returned.
func withServer<T: Sendable>(
    router: RPCRouter = makeTestRouter(), maximumFrameBytes: Int = 4 * 1024 * 1024, maximumPendingCalls: Int = 1024,
    maximumClients: Int = RPCServer.defaultMaximumClients, idleTimeout: Duration? = RPCServer.defaultIdleTimeout,
    logger: Logger = quietLogger, _ body: @Sendable (RPCServer) async throws -> T
) async throws -> T {
    let directory = try ScratchDirectory()
    let server = try await RPCServer.bind(
        socketPath: directory.file("s.sock"), router: router, maximumFrameBytes: maximumFrameBytes,
        maximumPendingCalls: maximumPendingCalls, maximumClients: maximumClients, idleTimeout: idleTimeout,
        logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await server.serve() }
        do {
            let result = try await body(server)
            server.close()
            try await group.waitForAll()
            return result
        } catch {
            server.close()
            try? await group.waitForAll()
            throw error
        }
    }
}

/// Calls `Test.Echo` and returns the echoed text.
func echo(_ client: RPCClient, _ text: String) async throws -> String {
    try await client.call(name: "Test.Echo", EchoParams(text: text), as: EchoParams.self).text
}
