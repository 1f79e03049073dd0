import Histogram
import HookdCore
import Synchronization

/// The latencies of an open-loop run: for each event, from the moment it was due to be
/// sent (not when it actually went: a late send is the system's delay too, so coordinated
/// omission does not hide it) to its acknowledgement and to its first arrival.
final class LatencyBook: Sendable {
    private struct State {
        var due: [String: ContinuousClock.Instant] = [:]
        var acknowledgements = LatencyBook.histogram()
        var arrivals = LatencyBook.histogram()
        var acknowledged = 0
        var failed = 0
        var arrived = 0
        var lastAcknowledged: ContinuousClock.Instant?
    }

    /// Guards the histograms and counts, written by the producers' tasks and by the
    /// receiver's event loops.
    private let state = Mutex(State())

    /// Latencies in microseconds, up to an hour, to three significant digits.
    private static func histogram() -> Histogram<UInt64> {
        Histogram(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }

    private static func microseconds(_ duration: Duration) -> UInt64 {
        UInt64(max(0, duration.wholeNanoseconds / 1_000))
    }

    /// Notes that event `id` was due to be sent at `due` (call before sending it).
    func scheduled(_ id: String, due: ContinuousClock.Instant) {
        state.withLock { $0.due[id] = due }
    }

    /// Notes the acknowledgement of an event that was due at `due`.
    func acknowledged(due: ContinuousClock.Instant) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.acknowledgements.record(Self.microseconds(now - due))
            state.acknowledged += 1
            state.lastAcknowledged = max(state.lastAcknowledged ?? now, now)
        }
    }

    /// Notes a publish the daemon refused or that failed.
    func failed() {
        state.withLock { $0.failed += 1 }
    }

    /// Notes an arrival at the receiver; only an event's first arrival counts.
    func arrived(_ id: String) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard let due = state.due.removeValue(forKey: id) else { return }
            state.arrivals.record(Self.microseconds(now - due))
            state.arrived += 1
        }
    }

    /// Events whose first arrival was seen.
    var arrivedCount: Int { state.withLock { $0.arrived } }

    /// What the run measured.
    struct Summary {
        var acknowledged: Int
        var failed: Int
        var lastAcknowledged: ContinuousClock.Instant?
        var acknowledgements: Histogram<UInt64>
        var arrivals: Histogram<UInt64>
    }

    var summary: Summary {
        state.withLock {
            Summary(
                acknowledged: $0.acknowledged, failed: $0.failed, lastAcknowledged: $0.lastAcknowledged,
                acknowledgements: $0.acknowledgements, arrivals: $0.arrivals)
        }
    }
}
