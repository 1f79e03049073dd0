import Synchronization

/// A bounded broadcast of committed changes to any number of watchers.
///
/// The engine's commit task publishes after each commit; publishing never waits and costs
/// one atomic load when nobody watches. Each subscriber has a buffer of its own capacity:
/// one that falls that far behind is dropped (its stream ends and it reads
/// ``ChangeSubscription/overflowed``), so a slow watcher can neither slow delivery nor grow
/// memory without bound.
public final class ChangeFeed: Sendable {
    /// A subscriber's buffer unless it asks for another.
    public static let defaultCapacity = 4096

    private struct Subscriber {
        let continuation: AsyncStream<SequencedChange>.Continuation
        let overflow: OverflowFlag
    }

    private struct State {
        var lastCursor: Int64 = 0
        var nextID = 0
        var subscribers: [Int: Subscriber] = [:]
    }

    /// Guards the cursor and the subscribers against the commit task and watchers coming
    /// and going on other tasks.
    private let state = Mutex(State())
    /// How many subscribers there are, read without the lock on every commit.
    private let subscriberCount = Atomic<Int>(0)

    /// An empty feed.
    public init() {}

    /// True while anyone watches: the engine builds changes only then.
    public var isWatched: Bool { subscriberCount.load(ordering: .relaxed) > 0 }

    /// The cursor of the last change published.
    public var lastCursor: Int64 { state.withLock { $0.lastCursor } }

    /// Starts receiving every change published from now on, holding at most `capacity`
    /// unread.
    public func subscribe(capacity: Int = ChangeFeed.defaultCapacity) -> ChangeSubscription {
        precondition(capacity > 0, "a subscription needs room for at least one change")
        let (stream, continuation) = AsyncStream.makeStream(
            of: SequencedChange.self, bufferingPolicy: .bufferingOldest(capacity))
        let overflow = OverflowFlag()
        let (id, start) = state.withLock { state in
            let id = state.nextID
            state.nextID += 1
            state.subscribers[id] = Subscriber(continuation: continuation, overflow: overflow)
            subscriberCount.add(1, ordering: .relaxed)
            return (id, state.lastCursor)
        }
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return ChangeSubscription(
            changes: stream, startCursor: start, capacity: capacity, overflow: overflow,
            end: { continuation.finish() })
    }

    /// Hands `changes` to every subscriber, in order; drops any whose buffer is full.
    public func publish(_ changes: [DeliveryChange]) {
        guard isWatched, !changes.isEmpty else { return }
        let dropped: [Subscriber] = state.withLock { state in
            var dropped: [Int] = []
            for change in changes {
                state.lastCursor += 1
                let sequenced = SequencedChange(cursor: state.lastCursor, change: change)
                for (id, subscriber) in state.subscribers {
                    if case .dropped = subscriber.continuation.yield(sequenced), !dropped.contains(id) {
                        dropped.append(id)
                    }
                }
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

    private func remove(_ id: Int) {
        state.withLock { state in
            if state.subscribers.removeValue(forKey: id) != nil { subscriberCount.subtract(1, ordering: .relaxed) }
        }
    }
}
