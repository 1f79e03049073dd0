/// The connection race among a host's checked addresses (RFC 8305 style) as a pure value:
/// connect to the first address; when it has not connected after the attempt delay, or
/// has failed, start the next as well; the first connection made wins and the others are
/// cancelled. Only connecting races: a request is written after the race, on the winner.
///
/// Addresses are named by their index in the order the resolver preferred them.
struct HappyEyeballsStateMachine: Sendable {
    /// What the connector must do.
    enum Action: Hashable, Sendable {
        /// Start connecting to the address at this index.
        case connect(Int)
        /// (Re)arm the attempt-delay timer; report `delayElapsed` when it fires.
        case armDelay
        /// Stop the attempt at this index (another won, or time is up).
        case cancel(Int)
        /// The attempt at this index connected first: its connection is the result.
        case win(Int)
        /// The attempt at this index connected after the race was decided: close it.
        case discard(Int)
        /// Every address failed (or the time ran out: `timedOut`) with these failures, in order.
        case fail([AttemptFailure], timedOut: Bool)
    }

    private let addressCount: Int
    /// The index of the next address to try.
    private var next = 0
    /// Attempts started and not yet ended.
    private var pending: Set<Int> = []
    private var failures: [AttemptFailure] = []
    /// Whether the race has a result.
    private(set) var isDecided = false

    init(addressCount: Int) {
        self.addressCount = addressCount
    }

    /// Starts the race with the first address.
    mutating func start() -> [Action] {
        guard addressCount > 0 else {
            isDecided = true
            return [.fail([], timedOut: false)]
        }
        return startNext()
    }

    /// The attempt delay passed with no connection yet: the next address joins the race.
    mutating func delayElapsed() -> [Action] {
        guard !isDecided, next < addressCount else { return [] }
        return startNext()
    }

    /// The attempt at `index` failed; the next address starts at once, and when none is
    /// left and nothing is pending, the race is lost.
    mutating func attemptFailed(_ index: Int, _ failure: AttemptFailure) -> [Action] {
        guard !isDecided, pending.remove(index) != nil else { return [] }
        failures.append(failure)
        if next < addressCount { return startNext() }
        guard pending.isEmpty else { return [] }
        isDecided = true
        return [.fail(failures, timedOut: false)]
    }

    /// The attempt at `index` connected: the first to do so wins, the rest are cancelled.
    mutating func attemptConnected(_ index: Int) -> [Action] {
        guard !isDecided, pending.remove(index) != nil else { return [.discard(index)] }
        isDecided = true
        return [.win(index)] + pending.sorted().map(Action.cancel)
    }

    /// The connect timeout passed: every pending attempt is cancelled and the race is lost.
    mutating func timedOut() -> [Action] {
        guard !isDecided else { return [] }
        isDecided = true
        let cancelled = pending.sorted().map(Action.cancel)
        pending = []
        return cancelled + [.fail(failures, timedOut: true)]
    }

    private mutating func startNext() -> [Action] {
        let index = next
        next += 1
        pending.insert(index)
        return next < addressCount ? [.connect(index), .armDelay] : [.connect(index)]
    }
}
