import Logging
import NIOCore

/// Serves one client: reads frames, answers them in order, one at a time.
struct RPCConnection {
    let accepted: AcceptedConnection
    let router: RPCRouter
    let maximumFrameBytes: Int
    let logger: Logger

    /// Runs until the client disconnects or the server winds the connection down; never
    /// throws, so one broken connection cannot take the server with it.
    func run(registry: ConnectionRegistry) async {
        let channel = accepted.channel.channel
        guard registry.insert(channel) else {
            // The server closed while this connection was being accepted.
            try? await channel.close()
            return
        }
        defer { registry.remove(channel) }

        var logger = logger
        if let peer = accepted.peer {
            logger[metadataKey: "peer_pid"] = "\(peer.pid)"
            logger[metadataKey: "peer_uid"] = "\(peer.uid)"
        }
        let context = RPCContext(peer: accepted.peer, logger: logger)
        logger.debug("RPC connection opened")
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    guard var response = await answer(frame, context: context) else { continue }
                    response.terminateLine()
                    try await outbound.write(response)
                }
                // executeThenClose closes the channel as soon as this returns, and closing
                // drops writes still queued in NIO (a large answer to a client that has
                // already sent EOF, say). An empty write completes only after every write
                // before it, so waiting for it lets the last answer out whole.
                try await channel.writeAndFlush(ByteBuffer()).get()
            }
            logger.debug("RPC connection closed")
        } catch {
            logger.debug("RPC connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    private func answer(_ frame: InboundFrame, context: RPCContext) async -> ByteBuffer? {
        switch frame {
        case .line(let line):
            return await router.respond(to: line, context: context)
        case .oversized:
            context.logger.notice(
                "RPC frame over the size limit discarded", metadata: ["limit": "\(maximumFrameBytes)"])
            return RPCResponse.frameTooLarge(limit: maximumFrameBytes).serialized
        }
    }
}
