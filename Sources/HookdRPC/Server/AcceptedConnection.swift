import NIOCore

/// A client connection as the server's accept loop receives it: framed, wrapped for async
/// use, with the peer's credentials already read.
struct AcceptedConnection: Sendable {
    let channel: NIOAsyncChannel<InboundFrame, ByteBuffer>
    let peer: PeerCredentials?

    /// The child channel initializer: runs on the channel's event loop before any read, so
    /// no byte can arrive ahead of the framer.
    static func accept(_ channel: any Channel, maximumFrameBytes: Int) -> EventLoopFuture<AcceptedConnection> {
        PeerCredentials.read(from: channel).flatMapThrowing { peer in
            try channel.pipeline.syncOperations.addHandler(
                ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: maximumFrameBytes)))
            let framed = try NIOAsyncChannel<InboundFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
            return AcceptedConnection(channel: framed, peer: peer)
        }
    }
}
