import Foundation
import HookdCore
import HookdStore
import Synchronization

/// What waits for the next group commit: publishes, each with its caller's ticket, and
/// attempt ends. One writer (the engine's commit loop) takes everything queued at once, so
/// whatever arrives while a transaction runs shares the next one.
///
/// Publishes are committed at once: a producer waits for its acknowledgement. Attempt ends
/// alone nobody waits for, so they linger up to `completionLinger` (or until
/// `completionBatch` of them, or one that hands a fifo line on, are queued) and ride along
/// with the next publish when one comes meanwhile: under a steady load that halves the
/// commits, and every commit is an fsync the next publish would otherwise queue behind. A
/// crash in that window loses only the record of attempts, whose deliveries are sent again
/// (at-least-once, as for a crash during the attempt).
final class CommitQueue: Sendable {
    /// One round's worth of work.
    struct Round {
        var publishes: [(events: [Event], ticket: PublishTicket)] = []
        var completions: [AttemptCompletion] = []

        init(publishes: [(events: [Event], ticket: PublishTicket)] = [], completions: [AttemptCompletion] = []) {
            self.publishes = publishes
            self.completions = completions
        }

        var isEmpty: Bool { publishes.isEmpty && completions.isEmpty }
    }

    private struct State {
        var queued = Round()
        var queuedEvents = 0
        var closed = false
        /// When the oldest attempt end waiting for a commit was queued.
        var completionsSince: Date?
        /// Whether a queued attempt end must not linger.
        var urgent = false

        /// When the attempt ends queued alone may be committed; `nil` for now.
        func completionsDue(linger: TimeInterval, batch: Int) -> Date? {
            guard queued.publishes.isEmpty, !closed, !urgent, queued.completions.count < batch,
                let completionsSince
            else { return nil }
            return completionsSince.addingTimeInterval(linger)
        }
    }

    /// Guards what is queued and whether the queue still takes work.
    private let state = Mutex(State())
    private let wake = WakeSignal()
    /// Most events one round commits; the rest wait for the next.
    let maximumEventsPerRound: Int
    /// How long attempt ends alone may wait for company.
    let completionLinger: TimeInterval
    /// How many attempt ends are committed without waiting longer.
    let completionBatch: Int

    init(maximumEventsPerRound: Int, completionLinger: TimeInterval = 0.002, completionBatch: Int = 64) {
        self.maximumEventsPerRound = maximumEventsPerRound
        self.completionLinger = completionLinger
        self.completionBatch = completionBatch
    }

    /// Queues a publish; its ticket settles after the commit that holds it.
    func submit(publish events: [Event]) -> PublishTicket {
        let ticket = PublishTicket()
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.queued.publishes.append((events, ticket))
            state.queuedEvents += events.count
            return true
        }
        if accepted {
            wake.signal()
        } else {
            ticket.settle(.failure(HookdError(.unavailable, reason: "hookd.ShuttingDown", "hookd is shutting down; publish again after it restarts")))
        }
        return ticket
    }

    /// Queues attempt ends (also after `close`: attempts finishing during shutdown are still
    /// written); `urgent` ones (a fifo line's next delivery waits for the commit) do not
    /// linger.
    func submit(_ completions: [AttemptCompletion], urgent: Bool = false) {
        guard !completions.isEmpty else { return }
        let wakeWriter = state.withLock { state -> Bool in
            let first = state.queued.completions.isEmpty
            state.queued.completions += completions
            if first { state.completionsSince = Date() }
            state.urgent = state.urgent || urgent
            // The writer needs waking only to start the linger, or to end it early.
            return first || urgent || state.queued.completions.count >= completionBatch
        }
        if wakeWriter { wake.signal() }
    }

    /// Puts back the attempt ends of a round whose commit failed, ahead of newer ones.
    func putBack(_ completions: [AttemptCompletion]) {
        state.withLock { state in
            if state.queued.completions.isEmpty, !completions.isEmpty { state.completionsSince = Date() }
            state.queued.completions.insert(contentsOf: completions, at: 0)
        }
    }

    /// Stops taking publishes; the writer finishes what is queued, then stops.
    func close() {
        state.withLock { $0.closed = true }
        wake.signal()
    }

    /// Waits for work and takes one round of it; `nil` once closed and empty.
    func nextRound() async -> Round? {
        while true {
            let taken = state.withLock { state -> (Round?, Bool, Date?) in
                guard !state.queued.isEmpty else { return (nil, state.closed, nil) }
                if let due = state.completionsDue(linger: completionLinger, batch: completionBatch), due > Date() {
                    return (nil, false, due)
                }
                var round = Round()
                round.completions = state.queued.completions
                state.queued.completions = []
                state.completionsSince = nil
                state.urgent = false
                var events = 0
                var taken = 0
                for publish in state.queued.publishes {
                    if taken > 0 && events + publish.events.count > maximumEventsPerRound { break }
                    events += publish.events.count
                    taken += 1
                }
                round.publishes = Array(state.queued.publishes.prefix(taken))
                state.queued.publishes.removeFirst(taken)
                state.queuedEvents -= events
                return (round, false, nil)
            }
            if let round = taken.0 { return round }
            if taken.1 { return nil }
            await wake.wait(until: taken.2, clock: SystemEngineClock())
        }
    }
}
