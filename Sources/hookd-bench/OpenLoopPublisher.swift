import HookdRPC
import NIOCore

/// The `latency` row's producer: sends `Events.Publish` calls, encoded before the run
/// begins, on a fixed schedule from an event loop of its own, round-robin over several
/// socket connections, never waiting for an answer (open loop). Each answer is read only far
/// enough to know which call it answers and whether it succeeded (``PublishCalls``), not
/// parsed.
///
/// The schedule is kept even when the loop runs late: every call whose time has come goes
/// out at once, and its latency still counts from when it was due.
struct OpenLoopPublisher {
    /// hookd's socket.
    let socketPath: String
    /// How many connections the calls are spread over.
    let connections: Int

    /// Called on the publisher's event loop with the index of the call an answer is for and
    /// whether it succeeded.
    typealias Answer = @Sendable (_ index: Int, _ succeeded: Bool) -> Void

    /// Far above any publish's answer; a longer line is an error.
    static let maximumAnswerBytes = 1 << 20

    /// Connects, then sends `lines[i]` (one JSON-RPC request whose `id` is `i`, newline
    /// included) at `start + interval × i`, and returns once every call has been answered.
    /// `start` is a few milliseconds after the connections are open; `onStart` learns it
    /// before the first call goes.
    ///
    /// - Throws: `BenchError.invalidRun` when a connection closes before every call on it
    ///   was answered.
    func run(
        lines: [ByteBuffer], interval: TimeAmount, onStart: (NIODeadline) -> Void, onAnswer: @escaping Answer
    ) async throws {
        try await PublisherLoop.run(
            sockets: Array(repeating: socketPath, count: connections), maximumAnswerBytes: Self.maximumAnswerBytes,
            countdown: lines.count,
            handler: { _, tally in AnswerHandler(tally: tally, onAnswer: onAnswer) },
            begin: { channels in
                let start = NIODeadline.now() + .milliseconds(20)
                onStart(start)
                let schedule = SendSchedule(lines: lines, channels: channels, start: start, interval: interval)
                return { schedule.send(from: 0) }
            })
    }
}

/// The calls still to be sent and where they go.
private struct SendSchedule: Sendable {
    let lines: [ByteBuffer]
    let channels: [any Channel]
    let start: NIODeadline
    let interval: TimeAmount

    func due(_ index: Int) -> NIODeadline { start + interval * index }

    /// Sends every call from `index` on whose time has come, then waits for the next one.
    func send(from index: Int) {
        var next = index
        let now = NIODeadline.now()
        while next < lines.count, due(next) <= now {
            channels[next % channels.count].writeAndFlush(lines[next], promise: nil)
            next += 1
        }
        guard next < lines.count, let loop = channels.first?.eventLoop else { return }
        let following = next
        loop.scheduleTask(deadline: due(following)) { send(from: following) }
    }
}

/// Reads which call each answer is for and whether it is a result or an error.
private final class AnswerHandler: ChannelInboundHandler {
    typealias InboundIn = InboundFrame

    private let tally: NIOLoopBound<RunCountdown>
    private let onAnswer: OpenLoopPublisher.Answer

    init(tally: NIOLoopBound<RunCountdown>, onAnswer: @escaping OpenLoopPublisher.Answer) {
        self.tally = tally
        self.onAnswer = onAnswer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let line) = unwrapInboundIn(data) else {
            context.fireErrorCaught(BenchError.invalidRun("hookd sent an answer over \(OpenLoopPublisher.maximumAnswerBytes) bytes"))
            return
        }
        guard let id = PublishCalls.answerID(in: line) else {
            context.fireErrorCaught(BenchError.invalidRun("hookd sent an answer with no call id: \(String(buffer: line))"))
            return
        }
        let (results, errors) = PublishCalls.count(in: line)
        onAnswer(id, results == 1 && errors == 0)
        tally.value.countDown()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let unanswered = tally.value.remaining
        if unanswered > 0 {
            tally.value.settle(BenchError.invalidRun("hookd closed a connection with \(unanswered) calls unanswered"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        tally.value.settle(error)
        context.close(promise: nil)
    }
}
