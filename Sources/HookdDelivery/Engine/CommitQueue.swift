import HookdCore
import HookdStore
import Synchronization

/// What waits for the next group commit: publishes, each with its caller's ticket, and
/// attempt ends. One writer (the engine's commit loop) takes everything queued at once, so
/// whatever arrives while a transaction runs shares the next one.
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
    }

    /// Guards what is queued and whether the queue still takes work.
    private let state = Mutex(State())
    private let wake = WakeSignal()
    /// Most events one round commits; the rest wait for the next.
    let maximumEventsPerRound: Int

    init(maximumEventsPerRound: Int) {
        self.maximumEventsPerRound = maximumEventsPerRound
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
    /// written).
    func submit(_ completions: [AttemptCompletion]) {
        guard !completions.isEmpty else { return }
        state.withLock { $0.queued.completions += completions }
        wake.signal()
    }

    /// Puts back the attempt ends of a round whose commit failed, ahead of newer ones.
    func putBack(_ completions: [AttemptCompletion]) {
        state.withLock { $0.queued.completions.insert(contentsOf: completions, at: 0) }
    }

    /// Stops taking publishes; the writer finishes what is queued, then stops.
    func close() {
        state.withLock { $0.closed = true }
        wake.signal()
    }

    /// Waits for work and takes one round of it; `nil` once closed and empty.
    func nextRound() async -> Round? {
        while true {
            let taken = state.withLock { state -> (Round?, Bool) in
                guard !state.queued.isEmpty else { return (nil, state.closed) }
                var round = Round()
                round.completions = state.queued.completions
                state.queued.completions = []
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
                return (round, false)
            }
            if let round = taken.0 { return round }
            if taken.1 { return nil }
            await wake.wait(until: nil, clock: SystemEngineClock())
        }
    }
}
