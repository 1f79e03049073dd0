import HookdAPI
import HookdRPC
import ServiceLifecycle

/// Runs the socket server as a lifecycle service: it stops accepting on graceful shutdown
/// and finishes the requests under way.
struct RPCServerService: Service {
    let server: RPCServer

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.close()
        }
    }
}
