import NIOCore

/// How much of a publishing run is still outstanding (answers, or producers): completes
/// `done` when the count reaches zero, or fails it at the first error; whichever comes first
/// settles the run. Lives on the publisher's event loop.
final class RunCountdown {
    /// What is still outstanding.
    private(set) var remaining: Int
    private let done: EventLoopPromise<Void>
    private var settled = false

    init(_ count: Int, done: EventLoopPromise<Void>) {
        remaining = count
        self.done = done
        if count == 0 { settle(nil) }
    }

    /// One more part of the run is done.
    func countDown() {
        remaining -= 1
        if remaining == 0 { settle(nil) }
    }

    /// Ends the run: with `error`, or as a success; only the first call counts.
    func settle(_ error: (any Error)?) {
        guard !settled else { return }
        settled = true
        if let error { done.fail(error) } else { done.succeed() }
    }
}
