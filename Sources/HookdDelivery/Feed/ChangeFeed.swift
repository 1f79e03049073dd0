import Foundation
import Synchronization

/// A bounded broadcast of committed changes to any number of watchers, with a bounded
/// history from which a watcher can resume.
///
/// The engine's commit task publishes after each commit; publishing never waits and costs
/// one atomic load (and, when nobody watches, one atomic store) while nobody watches. Each
/// subscriber has a buffer of its own capacity: one that falls that far behind is dropped
/// (its stream ends and it reads ``ChangeSubscription/overflowed``), so a slow watcher can
/// neither slow delivery nor grow memory without bound.
///
/// Cursors rise by one per change and start, for each daemon run, above any cursor of an
/// earlier run (from the start time), so a cursor from before a restart is never mistaken
/// for a later one. The last ``historyCapacity`` changes are kept; a watcher may resume
/// after any of them, as long as no commit went unrecorded since (nobody watching).
public final class ChangeFeed: Sendable {
    /// A subscriber's buffer unless it asks for another.
    public static let defaultCapacity = 4096
    /// How many changes the feed keeps for watchers resuming from a cursor.
    public static let historyCapacity = 4096

    private struct Subscriber {
        let continuation: AsyncStream<SequencedChange>.Continuation
        let overflow: OverflowFlag
    }

    private struct State {
        var lastCursor: Int64
        /// A watcher may resume after any cursor from this one on: the history holds every
        /// change after it.
        var resumableFrom: Int64
        var history: [SequencedChange] = []
        var nextID = 0
        var subscribers: [Int: Subscriber] = [:]
    }

    /// Guards the cursor, the history and the subscribers against the commit task and
    /// watchers coming and going on other tasks.
    private let state: Mutex<State>
    /// How many subscribers there are, read without the lock on every commit.
    private let subscriberCount = Atomic<Int>(0)
    /// Set when a commit went by while nobody watched: the history has a gap since.
    private let missedCommit = Atomic<Bool>(false)

    /// An empty feed whose first cursor follows `start` (by default, this run's start in
    /// microseconds).
    public init(start: Int64 = Int64(Date().timeIntervalSince1970 * 1_000_000)) {
        state = Mutex(State(lastCursor: start, resumableFrom: start))
    }

    /// True while anyone watches: the engine builds changes only then.
    public var isWatched: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// The cursor of the last change published.
    public var lastCursor: Int64 {
        state.withLock { state in
            closeGap(&state)
            return state.lastCursor
        }
    }

    /// Notes a commit that went by unwatched (its changes were not built): no watcher can
    /// resume from before it.
    public func unwatchedCommit() {
        missedCommit.store(true, ordering: .relaxed)
    }

    /// Starts receiving every change published from now on, holding at most `capacity`
    /// unread.
    public func subscribe(capacity: Int = ChangeFeed.defaultCapacity) -> ChangeSubscription {
        // Nothing to replay, so this cannot be refused.
        (try? subscribe(capacity: capacity, after: nil))!
    }

    /// Starts receiving every change after cursor `after` (the ones still held first), or
    /// from now on when `after` is `nil`. Throws ``CursorExpired`` when the changes after
    /// `after` are no longer all held.
    public func subscribe(capacity: Int = ChangeFeed.defaultCapacity, after: Int64?) throws(CursorExpired)
        -> ChangeSubscription
    {
        precondition(capacity > 0, "a subscription needs room for at least one change")
        let overflow = OverflowFlag()
        typealias Opened = (id: Int, start: Int64, stream: AsyncStream<SequencedChange>,
            continuation: AsyncStream<SequencedChange>.Continuation)
        let outcome: Result<Opened, CursorExpired> = state.withLock { state in
            closeGap(&state)
            var replay: [SequencedChange] = []
            if let after {
                guard after >= state.resumableFrom, after <= state.lastCursor else {
                    return .failure(CursorExpired(cursor: after, oldest: state.resumableFrom, newest: state.lastCursor))
                }
                replay = state.history.filter { $0.cursor > after }
            }
            // Room for what is replayed on top of the watcher's own capacity.
            let (stream, continuation) = AsyncStream.makeStream(
                of: SequencedChange.self, bufferingPolicy: .bufferingOldest(capacity + replay.count))
            for change in replay { continuation.yield(change) }
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(continuation: continuation, overflow: overflow)
            subscriberCount.add(1, ordering: .relaxed)
            return .success((id, after ?? state.lastCursor, stream, continuation))
        }
        let (id, start, stream, continuation) = try outcome.get()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return ChangeSubscription(
            changes: stream, startCursor: start, capacity: capacity, overflow: overflow,
            end: { continuation.finish() })
    }

    /// Hands `changes` to every subscriber, in order, and keeps them in the history; drops
    /// any subscriber whose buffer is full.
    public func publish(_ changes: [DeliveryChange]) {
        guard isWatched, !changes.isEmpty else { return }
        let dropped: [Subscriber] = state.withLock { state in
            closeGap(&state)
            var dropped: [Int] = []
            for change in changes {
                state.lastCursor += 1
                let sequenced = SequencedChange(cursor: state.lastCursor, change: change)
                state.history.append(sequenced)
                for (id, subscriber) in state.subscribers {
                    if case .dropped = subscriber.continuation.yield(sequenced), !dropped.contains(id) {
                        dropped.append(id)
                    }
                }
            }
            if state.history.count > Self.historyCapacity {
                state.history.removeFirst(state.history.count - Self.historyCapacity)
                state.resumableFrom = state.history[0].cursor - 1
            }
            return dropped.compactMap { id in
                let subscriber = state.subscribers.removeValue(forKey: id)
                if subscriber != nil { subscriberCount.subtract(1, ordering: .relaxed) }
                return subscriber
            }
        }
        // Outside the lock: finishing runs the termination handler, which takes it.
        for subscriber in dropped {
            subscriber.overflow.set()
            subscriber.continuation.finish()
        }
    }

    /// After an unwatched commit the history no longer holds everything: start it afresh.
    /// Cursors move on by one for the commit (or more, unknown), so one from before never
    /// names a change after.
    private func closeGap(_ state: inout State) {
        guard missedCommit.exchange(false, ordering: .relaxed) else { return }
        state.lastCursor += 1
        state.history = []
        state.resumableFrom = state.lastCursor
    }

    private func remove(_ id: Int) {
        state.withLock { state in
            if state.subscribers.removeValue(forKey: id) != nil { subscriberCount.subtract(1, ordering: .relaxed) }
        }
    }
}
