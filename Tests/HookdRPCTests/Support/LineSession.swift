import Foundation
import HookdCore
import NIOCore
import NIOPosix

@testable import HookdRPC

/// A bare connection a test drives line by line: it writes requests without waiting for
/// answers (so they reach the server pipelined) and reads the answers as they come.
final class LineSession {
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<InboundFrame>.AsyncIterator

    private init(
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, inbound: NIOAsyncChannelInboundStream<InboundFrame>
    ) {
        self.outbound = outbound
        self.inbound = inbound.makeAsyncIterator()
    }

    /// Connects to the server at `path`, runs `body`, then closes the connection.
    static func with<T>(path: String, _ body: (LineSession) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: 64 * 1024 * 1024)))
                    return try NIOAsyncChannel<InboundFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(LineSession(outbound: outbound, inbound: inbound))
        }
    }

    /// Writes `lines`, each with its newline, in one write.
    func send(_ lines: [String]) async throws {
        try await outbound.write(ByteBuffer(string: lines.map { $0 + "\n" }.joined()))
    }

    /// The next line the server sends, parsed.
    func next() async throws -> JSONValue {
        guard case .line(let line)? = try await inbound.next() else {
            throw RPCClientError.connectionClosed
        }
        return try JSONValue.parse(Data(line.readableBytesView))
    }

    /// The ids of the next `count` answers, whatever order they come in.
    func ids(count: Int) async throws -> Set<JSONValue> {
        var ids: Set<JSONValue> = []
        for _ in 0..<count {
            let answer = try await next()
            guard let id = answer["id"] else { throw RPCClientError.malformedResponse("no id in \(answer)") }
            ids.insert(id)
        }
        return ids
    }
}
