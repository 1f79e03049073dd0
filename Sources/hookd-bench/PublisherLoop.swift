import HookdRPC
import NIOCore
import NIOPosix

/// What the bench's publishers share: one event loop of their own, line-framed connections to
/// hookd's socket, and a run that ends when its ``RunCountdown`` settles.
enum PublisherLoop {
    /// Opens one connection per entry of `sockets` on a fresh one-thread event loop, each with
    /// a line framer (`maximumAnswerBytes`) and the handler `handler` makes for it (its index
    /// and the run's countdown of `countdown`); then calls `begin` with the open channels
    /// (off the loop) and runs what it returns on the loop, and returns once the countdown
    /// settles. The connections are closed and the loop shut down either way.
    static func run(
        sockets: [String], maximumAnswerBytes: Int, countdown: Int,
        handler: @escaping @Sendable (_ index: Int, _ countdown: NIOLoopBound<RunCountdown>) -> any ChannelHandler,
        begin: ([any Channel]) -> @Sendable () -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        do {
            let done = loop.makePromise(of: Void.self)
            let remaining = try await loop.submit { NIOLoopBound(RunCountdown(countdown, done: done), eventLoop: loop) }.get()
            var channels: [any Channel] = []
            for (index, socketPath) in sockets.enumerated() {
                channels.append(
                    try await ClientBootstrap(group: loop)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: maximumAnswerBytes)))
                                try channel.pipeline.syncOperations.addHandler(handler(index, remaining))
                            }
                        }
                        .connect(unixDomainSocketPath: socketPath).get())
            }
            let start = begin(channels)
            try await loop.flatSubmit {
                start()
                return done.futureResult
            }.get()
            for channel in channels { try? await channel.close() }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }
}
