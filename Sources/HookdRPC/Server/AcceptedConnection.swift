import NIOCore

/// A client connection as the server's accept loop receives it: framed, wrapped for async
/// use, with the peer's credentials already read.
struct AcceptedConnection: Sendable {
    let channel: NIOAsyncChannel<InboundFrame, ByteBuffer>
    let peer: PeerCredentials?
    /// Its frames under way, which keep the idle timeout from closing it.
    let activity: ConnectionActivity

    /// The child channel initializer: runs on the channel's event loop before any read, so
    /// no byte can arrive ahead of the framer. With an `idleTimeout`, a connection with
    /// nothing under way that sends and receives nothing for that long is closed.
    static func accept(
        _ channel: any Channel, maximumFrameBytes: Int, idleTimeout: Duration?
    ) -> EventLoopFuture<AcceptedConnection> {
        PeerCredentials.read(from: channel).flatMapThrowing { peer in
            let activity = ConnectionActivity()
            let pipeline = channel.pipeline.syncOperations
            if let idleTimeout {
                try pipeline.addHandler(IdleStateHandler(allTimeout: TimeAmount(idleTimeout)))
            }
            try pipeline.addHandler(ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: maximumFrameBytes)))
            try pipeline.addHandler(IdleConnectionHandler(activity: activity, timeout: idleTimeout))
            let framed = try NIOAsyncChannel<InboundFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
            return AcceptedConnection(channel: framed, peer: peer, activity: activity)
        }
    }
}
