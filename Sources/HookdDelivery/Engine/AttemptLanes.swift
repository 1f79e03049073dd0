import Foundation

/// The lane a due delivery waits in.
enum AttemptLane: Sendable, Equatable {
    /// A delivery's first try (`Delivery.awaitsFirstAttempt`).
    case first
    /// A re-send: a retry after a failure, a redelivery of a delivery tried before, or a
    /// recovery.
    case retry
}

/// Due deliveries in two lanes, first attempts and re-sends, and how they share the global
/// in-flight slots.
///
/// Re-sends may hold at most `retryLimit` of the `limit` slots, so at least
/// `limit - retryLimit` always remain for first attempts: endpoints that hang until their
/// timeout or keep failing cannot take the slots new events need. When a slot frees and both
/// lanes have due work, a first attempt takes it while first attempts hold fewer than their
/// share (`limit - retryLimit`); once they hold that many, a due re-send takes it (within its
/// own cap), so re-sends keep moving even under a steady flood of new events. First attempts
/// may also use any slot re-sends leave idle; re-sends never go beyond their cap.
struct AttemptLanes {
    /// Attempts under way at once, both lanes together.
    let limit: Int
    /// Re-sends under way at once.
    let retryLimit: Int
    private var first = DueQueue()
    private var retry = DueQueue()
    /// First attempts under way.
    private(set) var firstInFlight = 0
    /// Re-sends under way.
    private(set) var retryInFlight = 0

    init(limit: Int, retryLimit: Int) {
        precondition(limit > 0, "at least one attempt must be allowed at once")
        precondition((1...limit).contains(retryLimit), "the re-send share must be between 1 and the whole limit")
        self.limit = limit
        self.retryLimit = retryLimit
    }

    /// The share `retryLimit` defaults to: half the slots, at least one.
    static func defaultRetryLimit(of limit: Int) -> Int { max(1, limit / 2) }

    /// Deliveries waiting in either lane.
    var count: Int { first.count + retry.count }
    /// Re-sends waiting.
    var retryCount: Int { retry.count }
    /// Attempts under way in both lanes.
    var inFlight: Int { firstInFlight + retryInFlight }

    /// Queues a delivery in `lane`; returns false (and changes nothing) when it already waits
    /// in either lane.
    @discardableResult
    mutating func insert(_ deliveryId: String, lane: AttemptLane, dueAt: Date) -> Bool {
        guard !first.contains(deliveryId), !retry.contains(deliveryId) else { return false }
        switch lane {
        case .first: return first.insert(deliveryId, dueAt: dueAt)
        case .retry: return retry.insert(deliveryId, dueAt: dueAt)
        }
    }

    /// Takes a waiting delivery out of whichever lane holds it.
    mutating func remove(_ deliveryId: String) {
        if !first.remove(deliveryId) { retry.remove(deliveryId) }
    }

    /// Takes out the delivery that should get the next free slot at `now`, if a slot is free
    /// and one is due; the caller reports it `started` once it is under way.
    mutating func popNext(at now: Date) -> (deliveryId: String, lane: AttemptLane)? {
        guard inFlight < limit else { return nil }
        let firstDue = first.nextDueAt.map { $0 <= now } ?? false
        let retryDue = retryInFlight < retryLimit && (retry.nextDueAt.map { $0 <= now } ?? false)
        if firstDue && (!retryDue || firstInFlight < limit - retryLimit), let id = first.popDue(at: now) {
            return (id, .first)
        }
        if retryDue, let id = retry.popDue(at: now) {
            return (id, .retry)
        }
        return nil
    }

    /// Counts an attempt of `lane` as under way.
    mutating func started(_ lane: AttemptLane) {
        switch lane {
        case .first: firstInFlight += 1
        case .retry: retryInFlight += 1
        }
    }

    /// Notes that an attempt of `lane` is no longer under way.
    mutating func ended(_ lane: AttemptLane) {
        switch lane {
        case .first: firstInFlight = max(0, firstInFlight - 1)
        case .retry: retryInFlight = max(0, retryInFlight - 1)
        }
    }

    /// When the next delivery that could start is due: the earliest of the lanes that have a
    /// free slot; `nil` when none could start.
    var nextDueAt: Date? {
        mutating get {
            guard inFlight < limit else { return nil }
            let retryNext = retryInFlight < retryLimit ? retry.nextDueAt : nil
            switch (first.nextDueAt, retryNext) {
            case (let a?, let b?): return min(a, b)
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (nil, nil): return nil
            }
        }
    }
}
