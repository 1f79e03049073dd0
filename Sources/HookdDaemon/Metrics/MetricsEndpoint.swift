import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves Prometheus metrics at `GET /metrics` over HTTP/1.1 on a TCP address, as a
/// lifecycle service: it stops on graceful shutdown. Every response closes its connection,
/// so a scraper's kept-alive connection never holds up a shutdown.
final class MetricsEndpoint: Service, Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The address bound, with the port the system chose when 0 was asked for.
    let address: ListenAddress
    private let listener: NIOAsyncChannel<Connection, Never>
    private let exposition: MetricsExposition
    private let logger: Logger

    private init(
        address: ListenAddress, listener: NIOAsyncChannel<Connection, Never>, exposition: MetricsExposition,
        logger: Logger
    ) {
        self.address = address
        self.listener = listener
        self.exposition = exposition
        self.logger = logger
    }

    /// Binds `address`; throws when it cannot (in use, not an address of this machine).
    static func bind(_ address: ListenAddress, exposition: MetricsExposition, logger: Logger) async throws
        -> MetricsEndpoint
    {
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MetricsEndpointError(address: address, reason: "\(error)")
        }
        let bound = ListenAddress(host: address.host, port: listener.channel.localAddress?.port ?? address.port)
        return MetricsEndpoint(address: bound, listener: listener, exposition: exposition, logger: logger)
    }

    func run() async {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                do {
                    try await listener.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await self.serve(connection) }
                        }
                    }
                } catch {
                    logger.error("metrics endpoint stopped accepting", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            self.listener.channel.close(promise: nil)
        }
    }

    /// Answers one request, then closes the connection.
    private func serve(_ connection: Connection) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let received):
                        head = received
                    case .body:
                        continue
                    case .end:
                        guard let head else { return }
                        let (status, body) = await answer(head)
                        var headers = HTTPHeaders()
                        headers.add(
                            name: "content-type",
                            value: status == .ok ? MetricsExposition.contentType : "text/plain; charset=utf-8")
                        headers.add(name: "content-length", value: String(body.utf8.count))
                        headers.add(name: "connection", value: "close")
                        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: status, headers: headers)))
                        if head.method != .HEAD { try await outbound.write(.body(.byteBuffer(ByteBuffer(string: body)))) }
                        try await outbound.write(.end(nil))
                        return
                    }
                }
            }
        } catch {
            logger.debug("metrics connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    private func answer(_ head: HTTPRequestHead) async -> (HTTPResponseStatus, String) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else { return (.notFound, "hookd serves its metrics at /metrics\n") }
        guard head.method == .GET || head.method == .HEAD else {
            return (.methodNotAllowed, "use GET /metrics\n")
        }
        do {
            return (.ok, try await exposition.render())
        } catch {
            logger.error("metrics could not be read", metadata: ["error": "\(error)"])
            return (.internalServerError, "hookd could not read its metrics: \(error)\n")
        }
    }
}
