import NIOCore

/// Counts a connection's frames as they are read, on the event loop (so no idle event can
/// fall between a frame's arrival and its count), and closes a connection that has nothing
/// under way and has sent and received nothing for the idle timeout (`IdleStateHandler`'s
/// `.all` event), after telling the client why with an error line (id null). A connection
/// with a call under way is left alone, however long the call takes; the next idle event
/// looks again.
final class IdleConnectionHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = InboundFrame
    typealias InboundOut = InboundFrame
    typealias OutboundOut = ByteBuffer

    private let activity: ConnectionActivity
    private let timeout: Duration?

    /// Counts into `activity`; closes idle connections when `timeout` is set (and an
    /// `IdleStateHandler` sends the events).
    init(activity: ConnectionActivity, timeout: Duration?) {
        self.activity = activity
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // The connection's task calls `ended()` once the frame is answered.
        activity.began()
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let timeout, let idle = event as? IdleStateHandler.IdleStateEvent, idle == .all else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard activity.isIdle else { return }
        var line = RPCResponse(id: .null, error: .idleTimeout(after: timeout)).serialized
        line.terminateLine()
        // Closed at once, not once the line is written: nothing read after the notice may
        // run, so a client may safely send again what it wrote meanwhile. (A short line on
        // an idle socket is written by the flush itself.)
        context.writeAndFlush(wrapOutboundOut(line), promise: nil)
        context.close(promise: nil)
    }
}
