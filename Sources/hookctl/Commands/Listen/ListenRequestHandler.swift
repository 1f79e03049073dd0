import Foundation
import NIOCore
import NIOHTTP1

/// Collects one HTTP request at a time, hands it to the session and writes the status the
/// session chose, keeping the connection alive as the client asks.
final class ListenRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// A body larger than this is cut (and the rest read and dropped): hookd sends far less.
    static let maximumBodyBytes = 8 * 1024 * 1024

    private let session: ListenSession
    private var head: HTTPRequestHead?
    private var body = Data()

    init(session: ListenSession) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
        case .body(var buffer):
            let room = Self.maximumBodyBytes - body.count
            if room > 0, let bytes = buffer.readBytes(length: min(room, buffer.readableBytes)) {
                body.append(contentsOf: bytes)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { $0 + ", " + value } ?? value
            }
            let status = session.received(
                ListenRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body))
            respond(status: status, keepAlive: head.isKeepAlive, context: context)
        }
    }

    private func respond(status: Int, keepAlive: Bool, context: ChannelHandlerContext) {
        let text = status < 300 ? "OK\n" : "hookctl listen answered \(status)\n"
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "content-length", value: String(text.utf8.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
