import HookdCore
import NIOCore
import NIOHTTP1

/// Runs one exchange at a time on a kept-alive HTTP/1.1 connection: writes the request
/// (head and body in one flush, so one `writev`), reads the response, keeps the first
/// `Attempt.maximumBodyBytes` of its body, and tells the pool when the connection is free
/// again or must close.
///
/// A body longer than that is not read to its end: the exchange finishes with what was
/// kept and the connection closes. A request arriving after the connection closed goes back
/// to the pool unsent (`exchangeBounced`), so a kept-alive connection the server dropped
/// never costs an attempt. Lives on its channel's event loop, as every handler does.
final class HTTP1ExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let pool: ConnectionPool
    private let connection: ConnectionID
    private let endpoint: SocketEndpoint
    private var context: ChannelHandlerContext?

    /// The exchange under way, its response head once it arrived, and the body kept so far.
    private var running: Exchange?
    private var responseHead: HTTPResponseHead?
    private var body = ByteBuffer()
    private var deadlineTimer: NIOScheduledCallback?
    /// Set once the channel has gone inactive: nothing more is written.
    private var isClosed = false

    init(pool: ConnectionPool, connection: ConnectionID, endpoint: SocketEndpoint) {
        self.pool = pool
        self.connection = connection
        self.endpoint = endpoint
    }

    /// Writes `exchange`'s request; called on the event loop by `PooledConnection.run`.
    func start(_ exchange: Exchange) {
        guard running == nil, !isClosed, let context, context.channel.isActive else {
            pool.exchangeBounced(exchange, from: connection)
            return
        }
        running = exchange
        deadlineTimer = try? context.eventLoop.assumeIsolated().scheduleCallback(
            at: exchange.deadline, handler: DeadlineCallback(handler: self))
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Ends the exchange under way with `failure` and closes the connection (cancellation,
    /// shutdown), if it is `request`'s (any exchange for `nil`): a cancelled request may have
    /// finished, and the connection taken the next, before this runs.
    func abort(_ request: RequestID?, _ failure: AttemptFailure) {
        guard let running, request == nil || running.id == request else { return }
        finish(.failure(failure), reusable: false)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(.closed(by: endpoint, duringResponse: responseHead != nil)), reusable: false)
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard running != nil else {
            // Bytes nobody asked for: the connection cannot be trusted with the next request.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            responseHead = head
        case .body(var part):
            let room = Attempt.maximumBodyBytes - body.readableBytes
            if part.readableBytes > room {
                if let kept = part.readSlice(length: room) { body.writeImmutableBuffer(kept) }
                finishWithResponse(reusable: false)
            } else if body.readableBytes == 0 {
                body = part
            } else {
                body.writeBuffer(&part)
            }
        case .end:
            finishWithResponse(reusable: responseHead?.isKeepAlive ?? false)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        finish(.failure(.closed(by: endpoint, duringResponse: responseHead != nil)), reusable: false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if running != nil {
            finish(.failure(.broken(endpoint, error, duringResponse: responseHead != nil)), reusable: false)
        } else {
            context.close(promise: nil)
        }
    }

    /// The deadline of the exchange under way passed.
    fileprivate func deadlinePassed() {
        guard let running, NIODeadline.now() >= running.deadline else { return }
        finish(.failure(.timedOut(after: running.timeout, address: endpoint.address)), reusable: false)
    }

    private func finishWithResponse(reusable: Bool) {
        guard let head = responseHead else {
            finish(.failure(.invalidResponse(from: endpoint, "no response head")), reusable: false)
            return
        }
        let response = ExchangeResponse(
            status: Int(head.status.code), headers: head.headers, body: body, address: endpoint.address)
        finish(.response(response), reusable: reusable)
    }

    /// Hands the result over and frees the connection for the next request, or closes it.
    /// The pool may start the next exchange from inside this call.
    private func finish(_ result: ExchangeResult, reusable: Bool) {
        guard let exchange = running else { return }
        running = nil
        responseHead = nil
        body = ByteBuffer()
        deadlineTimer?.cancel()
        deadlineTimer = nil
        if !reusable {
            isClosed = true
            context?.close(promise: nil)
        }
        exchange.finish(result)
        pool.exchangeFinished(on: connection, reusable: reusable)
    }
}

@available(*, unavailable)
extension HTTP1ExchangeHandler: Sendable {}

/// The deadline timer of one exchange; a timer of a finished exchange is cancelled, so a
/// firing one belongs to the exchange under way.
private struct DeadlineCallback: NIOScheduledCallbackHandler {
    let handler: HTTP1ExchangeHandler

    func handleScheduledCallback(eventLoop: some EventLoop) {
        handler.deadlinePassed()
    }
}
