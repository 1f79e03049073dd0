import NIOCore
import NIOHTTP1
import NIOPosix

/// The `latency` row's webhook endpoint: an HTTP/1.1 server on 127.0.0.1, on an event loop
/// of its own, that notes each request's `webhook-id` as it arrives and answers 200 with no
/// body. It keeps nothing else (unlike the tests' `LoopbackReceiver`, which records every
/// request), so the load generator takes as little of the machine from hookd as it can.
final class ArrivalReceiver: Sendable {
    /// Called on the receiver's event loop with each request's `webhook-id`, when its head has
    /// been read.
    typealias Arrival = @Sendable (_ webhookId: String) -> Void

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// `http://127.0.0.1:PORT/hooks`.
    let url: String

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, port: Int) {
        self.group = group
        self.channel = channel
        url = "http://127.0.0.1:\(port)/hooks"
    }

    /// Listens on an ephemeral port of 127.0.0.1.
    static func start(onArrival: @escaping Arrival) async throws -> ArrivalReceiver {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // hookd sends one request at a time per connection, and each is
                        // answered as soon as it has been read: no pipelining to assist.
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                            withPipeliningAssistance: false, withErrorHandling: false)
                        try channel.pipeline.syncOperations.addHandler(ArrivalHandler(onArrival: onArrival))
                    }
                }
                .bind(host: "127.0.0.1", port: 0).get()
            guard let port = channel.localAddress?.port else { throw BenchError.invalidRun("the receiver has no port") }
            return ArrivalReceiver(group: group, channel: channel, port: port)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Stops listening, closes every connection and ends the event loop.
    func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Answers every request 200, noting its `webhook-id` on the way.
private final class ArrivalHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let answer = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["content-length": "0"])
    private let onArrival: ArrivalReceiver.Arrival

    init(onArrival: @escaping ArrivalReceiver.Arrival) {
        self.onArrival = onArrival
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            if let id = head.headers.first(name: "webhook-id") { onArrival(id) }
        case .body:
            break
        case .end:
            context.write(wrapOutboundOut(.head(Self.answer)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
