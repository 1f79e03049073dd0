import Histogram
import NIOCore
import Synchronization

/// The latencies of an open-loop run of `count` events, event `i` due to be sent at
/// `start + interval × i` (`start` is set by `begin(at:)` before the first is sent): for each, from the moment it was due (not when it actually went:
/// a late send is the system's delay too, so coordinated omission does not hide it) to its
/// acknowledgement and to its first arrival. Times are `NIODeadline`s (the monotonic clock).
final class LatencyBook: Sendable {
    private struct State {
        var acknowledgements = LatencyBook.histogram()
        var arrivals = LatencyBook.histogram()
        /// Whether each event has arrived yet: only its first arrival counts.
        var seen: [Bool]
        var acknowledged = 0
        var failed = 0
        var arrived = 0
        var lastAcknowledged: NIODeadline?
        var start = NIODeadline.uptimeNanoseconds(0)
    }

    let interval: TimeAmount
    let count: Int
    /// Guards the histograms and counts, written by the publisher's and the receiver's event
    /// loops.
    private let state: Mutex<State>

    init(interval: TimeAmount, count: Int) {
        self.interval = interval
        self.count = count
        state = Mutex(State(seen: Array(repeating: false, count: count)))
    }

    /// Latencies in microseconds, up to an hour, to three significant digits.
    static func histogram() -> Histogram<UInt64> {
        Histogram(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }

    /// Sets when event 0 is due.
    func begin(at start: NIODeadline) {
        state.withLock { $0.start = start }
    }

    /// Microseconds from when event `index` was due to `now`.
    private func microseconds(since index: Int, at now: NIODeadline, in state: State) -> UInt64 {
        UInt64(max(0, (now - (state.start + interval * index)).nanoseconds / 1_000))
    }

    /// Notes the answer to event `index`'s publish: acknowledged, or refused or failed.
    func answered(_ index: Int, succeeded: Bool) {
        let now = NIODeadline.now()
        state.withLock { state in
            guard succeeded else {
                state.failed += 1
                return
            }
            state.acknowledgements.record(microseconds(since: index, at: now, in: state))
            state.acknowledged += 1
            state.lastAcknowledged = max(state.lastAcknowledged ?? now, now)
        }
    }

    /// Notes an arrival of event `index` at the receiver; only an event's first arrival
    /// counts, and an index outside the run is ignored.
    func arrived(_ index: Int) {
        let now = NIODeadline.now()
        state.withLock { state in
            guard state.seen.indices.contains(index), !state.seen[index] else { return }
            state.seen[index] = true
            state.arrivals.record(microseconds(since: index, at: now, in: state))
            state.arrived += 1
        }
    }

    /// Events whose first arrival was seen.
    var arrivedCount: Int { state.withLock { $0.arrived } }

    /// What the run measured.
    struct Summary {
        var acknowledged: Int
        var failed: Int
        var start: NIODeadline
        var lastAcknowledged: NIODeadline?
        var acknowledgements: Histogram<UInt64>
        var arrivals: Histogram<UInt64>
    }

    var summary: Summary {
        state.withLock {
            Summary(
                acknowledged: $0.acknowledged, failed: $0.failed, start: $0.start, lastAcknowledged: $0.lastAcknowledged,
                acknowledgements: $0.acknowledgements, arrivals: $0.arrivals)
        }
    }
}
