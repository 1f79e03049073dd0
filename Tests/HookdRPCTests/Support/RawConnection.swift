import NIOCore
import NIOPosix

@testable import HookdRPC

/// A bare socket connection for what `RPCClient` will not do: half-closing after a request
/// and reading everything the server sends until it closes.
struct RawConnection {
    let path: String

    /// Writes `lines` (each followed by a newline), shuts down the writing side, runs
    /// `afterEndOfInput`, and returns every line received until the server closes the
    /// connection.
    func sendThenReadAll(
        _ lines: [String], afterEndOfInput: @Sendable () async -> Void = {}
    ) async throws -> [String] {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: 64 * 1024 * 1024)))
                    return try NIOAsyncChannel<InboundFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            for line in lines {
                try await outbound.write(ByteBuffer(string: line + "\n"))
            }
            outbound.finish()
            await afterEndOfInput()
            var received: [String] = []
            for try await frame in inbound {
                if case .line(let line) = frame { received.append(String(buffer: line)) }
            }
            return received
        }
    }
}
