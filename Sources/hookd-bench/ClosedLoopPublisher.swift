import HookdRPC
import NIOCore

/// The closed-loop rows' transport: each producer is one socket connection that writes its
/// next group of calls (encoded before the run) as soon as every answer to the previous one
/// has come back. All producers share one event loop of the publisher's own, and each answer
/// is only counted for results and errors (``PublishCalls/count(in:)``), so the load
/// generator takes as little of the machine as it can from the daemon it measures.
struct ClosedLoopPublisher {
    /// Far above any publish's answer (a batch of 200 answers in about 20 KB).
    static let maximumAnswerBytes = 16 << 20

    /// Connects one producer per entry of `producers` to its socket, calls `onStart`
    /// once every connection is open, sends every producer's groups in turn, and returns once
    /// each has been answered.
    ///
    /// - Throws: `BenchError.invalidRun` when an answer holds an error or fewer results than
    ///   its group's calls, or a connection closes before its groups were all answered.
    func run(producers: [(socketPath: String, groups: [PublishGroup])], onStart: () -> Void) async throws {
        try await PublisherLoop.run(
            sockets: producers.map(\.socketPath), maximumAnswerBytes: Self.maximumAnswerBytes, countdown: producers.count,
            handler: { index, remaining in ProducerHandler(groups: producers[index].groups, remaining: remaining) },
            begin: { channels in
                onStart()
                return { for channel in channels { channel.pipeline.fireUserInboundEventTriggered(ProducerHandler.Start()) } }
            })
    }
}

/// One producer: writes a group, counts its answers, writes the next.
private final class ProducerHandler: ChannelInboundHandler {
    typealias InboundIn = InboundFrame

    /// The event that sends a producer's first group.
    struct Start {}

    private let groups: [PublishGroup]
    private let remaining: NIOLoopBound<RunCountdown>
    private var next = 0
    private var linesAwaited = 0
    private var resultsAwaited = 0

    init(groups: [PublishGroup], remaining: NIOLoopBound<RunCountdown>) {
        self.groups = groups
        self.remaining = remaining
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is Start else { return context.fireUserInboundEventTriggered(event) }
        sendNext(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let line) = unwrapInboundIn(data) else {
            return fail(context, BenchError.invalidRun("hookd sent an answer over \(ClosedLoopPublisher.maximumAnswerBytes) bytes"))
        }
        let (results, errors) = PublishCalls.count(in: line)
        guard errors == 0, linesAwaited > 0 else {
            return fail(context, BenchError.invalidRun("a publish was refused: \(String(buffer: line).prefix(300))"))
        }
        linesAwaited -= 1
        resultsAwaited -= results
        guard linesAwaited == 0 else { return }
        guard resultsAwaited == 0 else {
            return fail(context, BenchError.invalidRun("a group's answers held \(resultsAwaited) results fewer than its calls"))
        }
        sendNext(context: context)
    }

    private func sendNext(context: ChannelHandlerContext) {
        guard next < groups.count else { return remaining.value.countDown() }
        let group = groups[next]
        next += 1
        linesAwaited = group.answerLines
        resultsAwaited = group.results
        context.writeAndFlush(wrapOutboundOut(group.bytes), promise: nil)
    }

    typealias OutboundOut = ByteBuffer

    func channelInactive(context: ChannelHandlerContext) {
        if next < groups.count || linesAwaited > 0 {
            remaining.value.settle(BenchError.invalidRun("hookd closed a producer's connection before answering all its calls"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context, error)
    }

    private func fail(_ context: ChannelHandlerContext, _ error: any Error) {
        remaining.value.settle(error)
        context.close(promise: nil)
    }
}
