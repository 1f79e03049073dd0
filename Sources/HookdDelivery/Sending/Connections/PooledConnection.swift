import NIOCore

/// One open connection of a pool: its channel and the handler that runs its exchanges.
/// Safe to pass around; the handler is only touched on its event loop.
struct PooledConnection: Sendable {
    let id: ConnectionID
    let channel: any Channel
    private let handler: NIOLoopBound<HTTP1ExchangeHandler>

    init(id: ConnectionID, channel: any Channel, handler: HTTP1ExchangeHandler) {
        self.id = id
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    /// Writes the exchange's request on this connection (on its event loop).
    func run(_ exchange: Exchange) {
        if channel.eventLoop.inEventLoop {
            handler.value.start(exchange)
        } else {
            let handler = handler
            channel.eventLoop.execute { handler.value.start(exchange) }
        }
    }

    /// Ends the exchange under way with `failure` and closes the connection, if that exchange
    /// is `request`'s (any exchange for `nil`).
    func abort(_ request: RequestID?, _ failure: AttemptFailure) {
        let handler = handler
        channel.eventLoop.execute { handler.value.abort(request, failure) }
    }

    func close() {
        channel.close(promise: nil)
    }
}
