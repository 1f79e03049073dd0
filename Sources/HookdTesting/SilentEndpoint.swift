import NIOCore
import NIOPosix

/// A TCP listener on 127.0.0.1 that accepts every connection and never answers: the
/// endpoint that hangs, holding each attempt until the sender's timeout. What it is sent is
/// read and dropped, and connections stay open until the sender closes them.
public final class SilentEndpoint: Sendable {
    private let channel: any Channel

    /// The port it listens on.
    public let port: Int

    /// `http://127.0.0.1:PORT/hooks`.
    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Starts listening on an ephemeral port.
    public static func start() async throws -> SilentEndpoint {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DiscardingHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ReceiverError.noPort }
        return SilentEndpoint(channel: channel, port: port)
    }

    /// Stops listening (connections already accepted stay until their senders close them).
    public func stop() async throws {
        try await channel.close()
    }
}

/// Drops whatever a connection sends, so nothing reaches the end of the pipeline.
private final class DiscardingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
