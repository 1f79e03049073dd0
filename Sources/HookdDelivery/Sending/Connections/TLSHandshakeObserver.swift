import NIOCore
import NIOSSL
import NIOTLS

/// Waits for the TLS handshake on a new connection: succeeds its promise once NIOSSL reports
/// the handshake complete (certificate and name verified), fails it on the first error, on
/// close, or when `giveUp` is called, and then removes itself.
final class TLSHandshakeObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private var promise: EventLoopPromise<Void>?

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    /// Ends the wait with `error` unless it has ended already (the connect deadline passed).
    func giveUp(_ error: any Error) {
        promise?.fail(error)
        promise = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            promise?.succeed()
            promise = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        giveUp(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        giveUp(NIOSSLError.uncleanShutdown)
        context.fireChannelInactive()
    }
}

@available(*, unavailable)
extension TLSHandshakeObserver: Sendable {}
