import Logging
import NIOCore
import NIOPosix

/// The hookd socket API server: JSON-RPC 2.0, one message per line, on a Unix socket.
///
/// Connections are served concurrently, each in its own task. On one connection, requests
/// are admitted in the order they arrive; calls of pipelined methods complete concurrently
/// and are answered as each finishes, while any other request waits for every earlier one
/// to be answered and is answered before the next is read (see ``RPCRouter``). Usage:
/// ``bind(socketPath:router:maximumFrameBytes:maximumPendingCalls:logger:eventLoopGroup:)``,
/// then ``serve()`` (once), and ``close()`` to stop.
public final class RPCServer: Sendable {
    /// The path of the socket file.
    public let socketPath: String

    private let listener: NIOAsyncChannel<AcceptedConnection, Never>
    private let socketFile: SocketFile
    private let router: RPCRouter
    private let maximumFrameBytes: Int
    private let maximumPendingCalls: Int
    private let logger: Logger
    private let connections = ConnectionRegistry()

    private init(
        socketPath: String, listener: NIOAsyncChannel<AcceptedConnection, Never>, socketFile: SocketFile,
        router: RPCRouter, maximumFrameBytes: Int, maximumPendingCalls: Int, logger: Logger
    ) {
        self.socketPath = socketPath
        self.listener = listener
        self.socketFile = socketFile
        self.router = router
        self.maximumFrameBytes = maximumFrameBytes
        self.maximumPendingCalls = maximumPendingCalls
        self.logger = logger
    }

    /// Creates the socket and starts listening; call ``serve()`` to accept connections.
    ///
    /// The socket file gets mode 0600. A leftover socket file whose daemon is gone is
    /// replaced; a socket a live server answers on is never taken over.
    ///
    /// - Parameters:
    ///   - socketPath: where to create the socket; its directory must exist and the path
    ///     must fit in 107 bytes.
    ///   - router: the methods to serve.
    ///   - maximumFrameBytes: the longest request line accepted; longer ones are answered
    ///     with an error and skipped, and the connection stays usable.
    ///   - maximumPendingCalls: how many frames of pipelined calls one connection may have
    ///     admitted and not yet answered; at that number it stops reading until one is
    ///     answered, which holds back a client that never waits for its answers.
    /// - Throws: ``RPCServerError`` saying what is wrong with the path.
    public static func bind(
        socketPath: String, router: RPCRouter, maximumFrameBytes: Int = 4 * 1024 * 1024,
        maximumPendingCalls: Int = 1024, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RPCServer {
        precondition(maximumFrameBytes > 0, "maximumFrameBytes must be positive")
        precondition(maximumPendingCalls > 0, "maximumPendingCalls must be positive")
        let bound = try await ListeningSocket.bind(path: socketPath, eventLoopGroup: eventLoopGroup, logger: logger)
        let listener: NIOAsyncChannel<AcceptedConnection, Never>
        do {
            listener = try await ServerBootstrap(group: eventLoopGroup)
                // Lets a client send its request and EOF at once (`echo ... | socat`) and
                // still read the answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(bound.descriptor) { channel in
                    AcceptedConnection.accept(channel, maximumFrameBytes: maximumFrameBytes)
                }
        } catch {
            bound.file.remove()
            throw RPCServerError.bindFailed(socketPath, reason: "\(error)")
        }
        return RPCServer(
            socketPath: socketPath, listener: listener, socketFile: bound.file, router: router,
            maximumFrameBytes: maximumFrameBytes, maximumPendingCalls: maximumPendingCalls, logger: logger)
    }

    /// Serves connections until ``close()`` is called or the task is cancelled, then waits
    /// for open connections to answer the requests they have read, removes the socket file
    /// and returns.
    ///
    /// - Throws: only when accepting fails for good (after winding down the connections), so
    ///   a daemon that can no longer accept does not linger as if healthy.
    public func serve() async throws {
        defer { socketFile.remove() }
        let failure = await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group -> (any Error)? in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await accepted in inbound {
                            let connection = RPCConnection(
                                accepted: accepted, router: router, maximumFrameBytes: maximumFrameBytes,
                                maximumPendingCalls: maximumPendingCalls, logger: logger)
                            group.addTask { await connection.run(registry: self.connections) }
                        }
                    }
                    return nil
                } catch is CancellationError {
                    // Cancellation is a way to stop, not a failure.
                    return nil
                } catch {
                    logger.error("RPC accept loop failed", metadata: ["error": "\(error)"])
                    close()
                    return error
                }
            }
        } onCancel: {
            close()
        }
        if let failure { throw failure }
    }

    /// Stops accepting connections and winds down the open ones; ``serve()`` returns once
    /// they have answered what they already received. Safe to call more than once.
    public func close() {
        listener.channel.close(promise: nil)
        connections.closeAll()
    }
}
