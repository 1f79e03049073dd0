import NIOCore

/// Keeps each webhook within its in-flight limit: due deliveries of a webhook that is busy
/// wait in that webhook's own lane (first in, first out) instead of taking global slots, so
/// one slow or hanging endpoint never holds up the others.
struct WebhookLanes {
    /// Attempts allowed at once per webhook.
    let limit: Int
    private var inFlight: [String: Int] = [:]
    /// Each busy webhook's parked deliveries, oldest first. A ring buffer, changed in place:
    /// taking the oldest of a long lane costs O(1) (an array's `removeFirst` on a copy made
    /// every release quadratic, a third of the CPU with 60,000 deliveries parked).
    private var waiting: [String: CircularBuffer<String>] = [:]

    /// Deliveries parked because their webhook was at its limit.
    private(set) var waitingCount = 0

    init(limit: Int) {
        precondition(limit > 0, "a webhook must be allowed at least one attempt at once")
        self.limit = limit
    }

    /// Admits a due delivery: true when its webhook has room (the attempt is counted), false
    /// when it was parked in the webhook's lane.
    mutating func admit(_ deliveryId: String, webhook: String) -> Bool {
        if inFlight[webhook, default: 0] < limit {
            inFlight[webhook, default: 0] += 1
            return true
        }
        waiting[webhook, default: []].append(deliveryId)
        waitingCount += 1
        return false
    }

    /// Notes that an attempt for `webhook` ended; returns the delivery that waited longest in
    /// its lane, now due again (it is counted when admitted).
    mutating func release(webhook: String) -> String? {
        let count = inFlight[webhook, default: 1] - 1
        inFlight[webhook] = count > 0 ? count : nil
        guard let next = waiting[webhook]?.popFirst() else { return nil }
        if waiting[webhook]?.isEmpty == true { waiting[webhook] = nil }
        waitingCount -= 1
        return next
    }

    /// Attempts under way for `webhook`.
    func inFlight(for webhook: String) -> Int { inFlight[webhook, default: 0] }
}
