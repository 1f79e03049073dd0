import HookdCore
import Logging
import NIOCore
import NIOPosix

/// The hookd socket API server: JSON-RPC 2.0, one message per line, on a Unix socket.
///
/// Connections are served concurrently, each in its own task. On one connection, requests
/// are admitted in the order they arrive; calls of pipelined methods complete concurrently
/// and are answered as each finishes, while any other request waits for every earlier one
/// to be answered and is answered before the next is read (see ``RPCRouter``). Usage:
/// ``bind(socketPath:router:maximumFrameBytes:maximumPendingCalls:maximumClients:idleTimeout:logger:eventLoopGroup:)``,
/// then ``serve()`` (once), and ``close()`` to stop.
public final class RPCServer: Sendable {
    /// The path of the socket file.
    public let socketPath: String

    /// The longest request line a server takes unless told otherwise: 4 MiB.
    public static let defaultMaximumFrameBytes = 4 * 1024 * 1024
    /// What a daemon's frame limit may be set to (`hookd --max-request-bytes`): below 64 KiB a
    /// manifest of a few webhooks would not fit; above 1 GiB one connection could hold a
    /// gigabyte of buffered line.
    public static let frameLimitBounds = ByteSize(bytes: 64 << 10)...ByteSize(bytes: 1 << 30)
    /// How many clients a server serves at once unless told otherwise.
    public static let defaultMaximumClients = 1024
    /// How long a connection with nothing under way may stay silent unless told otherwise.
    public static let defaultIdleTimeout = Duration.seconds(600)

    private let listener: NIOAsyncChannel<AcceptedConnection, Never>
    /// The socket file this server created and removes when it stops; `nil` for a socket it
    /// was handed (systemd's, which systemd removes).
    private let socketFile: SocketFile?
    private let router: RPCRouter
    private let maximumFrameBytes: Int
    private let maximumPendingCalls: Int
    private let maximumClients: Int
    /// Decides at accept time whether a peer is served (see `bind`).
    private let admitPeer: (@Sendable (PeerCredentials?) -> HookdError?)?
    private let logger: Logger
    private let connections = ConnectionRegistry()
    private let refusals = ConnectionRefusals()

    private init(
        socketPath: String, listener: NIOAsyncChannel<AcceptedConnection, Never>, socketFile: SocketFile?,
        router: RPCRouter, maximumFrameBytes: Int, maximumPendingCalls: Int, maximumClients: Int,
        admitPeer: (@Sendable (PeerCredentials?) -> HookdError?)?, logger: Logger
    ) {
        self.socketPath = socketPath
        self.listener = listener
        self.socketFile = socketFile
        self.router = router
        self.maximumFrameBytes = maximumFrameBytes
        self.maximumPendingCalls = maximumPendingCalls
        self.maximumClients = maximumClients
        self.admitPeer = admitPeer
        self.logger = logger
    }

    /// Creates the socket and starts listening; call ``serve()`` to accept connections.
    ///
    /// The socket file gets `socketMode` (0600 unless told). A leftover socket file whose daemon is gone is
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
    ///   - maximumClients: how many connections are served at once; one more is answered
    ///     `RESOURCE_EXHAUSTED` (`hookd.TooManyClients`, id null) and closed.
    ///   - idleTimeout: how long a connection with no call under way may send and receive
    ///     nothing before it is closed (with a `hookd.IdleTimeout` line, id null); `nil` for
    ///     never.
    ///   - socketMode: the socket file's permission bits (0600: its owner only; wider when
    ///     other users are let in by `admitPeer`).
    ///   - admitPeer: decides at accept time whether a peer is served at all; an error it
    ///     returns is written to the peer (id null) and the connection closed.
    /// - Throws: ``RPCServerError`` saying what is wrong with the path.
    public static func bind(
        socketPath: String, router: RPCRouter, maximumFrameBytes: Int = RPCServer.defaultMaximumFrameBytes,
        maximumPendingCalls: Int = 1024, maximumClients: Int = RPCServer.defaultMaximumClients,
        idleTimeout: Duration? = RPCServer.defaultIdleTimeout, socketMode: mode_t = 0o600,
        admitPeer: (@Sendable (PeerCredentials?) -> HookdError?)? = nil, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RPCServer {
        precondition(maximumFrameBytes > 0, "maximumFrameBytes must be positive")
        precondition(maximumPendingCalls > 0, "maximumPendingCalls must be positive")
        precondition(maximumClients > 0, "maximumClients must be positive")
        precondition(idleTimeout.map { $0 > .zero } ?? true, "idleTimeout must be positive")
        let bound = try await ListeningSocket.bind(
            path: socketPath, mode: socketMode, eventLoopGroup: eventLoopGroup, logger: logger)
        return try await listen(
            on: bound.descriptor, socketPath: socketPath, socketFile: bound.file, router: router,
            maximumFrameBytes: maximumFrameBytes, maximumPendingCalls: maximumPendingCalls,
            maximumClients: maximumClients, idleTimeout: idleTimeout, admitPeer: admitPeer, logger: logger,
            eventLoopGroup: eventLoopGroup)
    }

    /// Serves on a Unix socket another process created, bound and passed on (systemd's socket
    /// activation: `LISTEN_FDS`); call ``serve()`` to accept connections.
    ///
    /// The socket file belongs to whoever made it: this server never removes it.
    ///
    /// - Parameters:
    ///   - descriptor: a bound (or already listening) `AF_UNIX` stream socket; the server
    ///     owns it from now on.
    ///   - socketPath: the path it is bound to, for logs and `Daemon.Status`.
    ///   - router, maximumFrameBytes, maximumPendingCalls, maximumClients, idleTimeout,
    ///     admitPeer: as for ``bind(socketPath:router:maximumFrameBytes:maximumPendingCalls:maximumClients:idleTimeout:socketMode:admitPeer:logger:eventLoopGroup:)``
    ///     (the socket's mode is its maker's: systemd's `SocketMode=`).
    public static func adopt(
        descriptor: CInt, socketPath: String, router: RPCRouter,
        maximumFrameBytes: Int = RPCServer.defaultMaximumFrameBytes, maximumPendingCalls: Int = 1024,
        maximumClients: Int = RPCServer.defaultMaximumClients, idleTimeout: Duration? = RPCServer.defaultIdleTimeout,
        admitPeer: (@Sendable (PeerCredentials?) -> HookdError?)? = nil, logger: Logger, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> RPCServer {
        precondition(maximumFrameBytes > 0, "maximumFrameBytes must be positive")
        precondition(maximumPendingCalls > 0, "maximumPendingCalls must be positive")
        precondition(maximumClients > 0, "maximumClients must be positive")
        precondition(idleTimeout.map { $0 > .zero } ?? true, "idleTimeout must be positive")
        return try await listen(
            on: descriptor, socketPath: socketPath, socketFile: nil, router: router,
            maximumFrameBytes: maximumFrameBytes, maximumPendingCalls: maximumPendingCalls,
            maximumClients: maximumClients, idleTimeout: idleTimeout, admitPeer: admitPeer, logger: logger,
            eventLoopGroup: eventLoopGroup)
    }

    private static func listen(
        on descriptor: CInt, socketPath: String, socketFile: SocketFile?, router: RPCRouter, maximumFrameBytes: Int,
        maximumPendingCalls: Int, maximumClients: Int, idleTimeout: Duration?,
        admitPeer: (@Sendable (PeerCredentials?) -> HookdError?)?, logger: Logger, eventLoopGroup: any EventLoopGroup
    ) async throws -> RPCServer {
        let listener: NIOAsyncChannel<AcceptedConnection, Never>
        do {
            listener = try await ServerBootstrap(group: eventLoopGroup)
                // Lets a client send its request and EOF at once (`echo ... | socat`) and
                // still read the answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(descriptor) { channel in
                    AcceptedConnection.accept(channel, maximumFrameBytes: maximumFrameBytes, idleTimeout: idleTimeout)
                }
        } catch {
            socketFile?.remove()
            throw RPCServerError.bindFailed(socketPath, reason: "\(error)")
        }
        return RPCServer(
            socketPath: socketPath, listener: listener, socketFile: socketFile, router: router,
            maximumFrameBytes: maximumFrameBytes, maximumPendingCalls: maximumPendingCalls,
            maximumClients: maximumClients, admitPeer: admitPeer, logger: logger)
    }

    /// Serves connections until ``close()`` is called or the task is cancelled, then waits
    /// for open connections to answer the requests they have read, removes the socket file
    /// and returns.
    ///
    /// - Throws: only when accepting fails for good (after winding down the connections), so
    ///   a daemon that can no longer accept does not linger as if healthy.
    public func serve() async throws {
        defer { socketFile?.remove() }
        let failure = await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group -> (any Error)? in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await accepted in inbound {
                            // Counted here, in accept order, so a burst cannot overshoot the cap.
                            if let refusal = admitPeer?(accepted.peer) {
                                logger.notice(
                                    "RPC connection refused",
                                    metadata: ["peer_uid": "\(accepted.peer?.uid ?? 0)", "reason": "\(refusal.reason)"])
                                group.addTask { await self.refusals.refuse(accepted, with: .application(refusal)) }
                                continue
                            }
                            switch connections.insert(accepted.channel.channel, limit: maximumClients) {
                            case .admitted:
                                let connection = RPCConnection(
                                    accepted: accepted, router: router, maximumFrameBytes: maximumFrameBytes,
                                    maximumPendingCalls: maximumPendingCalls, logger: logger)
                                group.addTask { await connection.run(registry: self.connections) }
                            case .full:
                                logger.notice(
                                    "RPC connection refused: too many clients",
                                    metadata: ["limit": "\(maximumClients)", "peer_uid": "\(accepted.peer?.uid ?? 0)"])
                                let limit = maximumClients
                                group.addTask { await self.refusals.refuse(accepted, with: .tooManyClients(limit: limit)) }
                            case .closing:
                                group.addTask { try? await accepted.channel.channel.close() }
                            }
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
        refusals.closeAll()
    }
}
