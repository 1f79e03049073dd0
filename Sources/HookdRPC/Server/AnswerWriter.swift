import Logging
import NIOCore

/// Writes answers handed over without a task (see ``Pending/init(whenSettled:)``) to one
/// connection, flushing once for all those written in the same turn of the event loop.
///
/// A commit that acknowledges 200 pipelined calls hands over 200 answers at once; each is
/// queued on the event loop, written without a flush, and the first schedules one flush
/// behind the rest, so they leave in one `writev` rather than 200.
final class AnswerWriter: Sendable {
    private let channel: any Channel
    private let logger: Logger
    /// Whether a flush is queued behind the answers written so far; touched only on the
    /// channel's event loop.
    private let flushQueued: NIOLoopBoundBox<Bool>

    init(channel: any Channel, logger: Logger) {
        self.channel = channel
        self.logger = logger
        self.flushQueued = NIOLoopBoundBox.makeBoxSendingValue(false, eventLoop: channel.eventLoop)
    }

    /// On the event loop: builds the answer with `build` and writes it with its newline,
    /// then runs `done` (written or not: nothing is to be written for a notification).
    func write(_ build: @escaping @Sendable () -> ByteBuffer?, then done: @escaping @Sendable () -> Void) {
        let (channel, logger, flushQueued) = (channel, logger, flushQueued)
        channel.eventLoop.execute {
            defer { done() }
            guard var answer = build() else { return }
            answer.terminateLine()
            channel.write(answer).whenFailure { error in
                logger.debug("RPC answer could not be written", metadata: ["error": "\(error)"])
                channel.close(promise: nil)
            }
            guard !flushQueued.value else { return }
            flushQueued.value = true
            channel.eventLoop.execute {
                flushQueued.value = false
                channel.flush()
            }
        }
    }
}
