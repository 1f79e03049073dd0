import Foundation
import HookdCore
import Synchronization

/// Notes when each event was published and when its deliveries arrived.
final class ArrivalClock: Sendable {
    private struct Entry {
        var published: ContinuousClock.Instant
        var arrivals: [ContinuousClock.Instant] = []
    }

    /// Guards the timings, written by producers and by the receiver's event loop.
    private let entries = Mutex<[String: Entry]>([:])

    func published(_ id: String) {
        let now = ContinuousClock.now
        entries.withLock { $0[id] = Entry(published: now) }
    }

    func arrived(_ id: String) {
        let now = ContinuousClock.now
        entries.withLock { $0[id]?.arrivals.append(now) }
    }

    /// Seconds from publish to the last of `expectedArrivals` arrivals, per event that got them all.
    func latencies(expectedArrivals: Int) -> [Double] {
        entries.withLock { entries in
            entries.values.compactMap { entry in
                guard entry.arrivals.count >= expectedArrivals, let last = entry.arrivals.max() else { return nil }
                return (last - entry.published).seconds
            }
        }
    }
}
