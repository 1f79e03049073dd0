/// Keeps each webhook within its in-flight limit: due deliveries of a webhook that is busy
/// wait in that webhook's own lane (first in, first out) instead of taking global slots, so
/// one slow or hanging endpoint never holds up the others.
struct WebhookLanes {
    /// Attempts allowed at once per webhook.
    let limit: Int
    private var inFlight: [String: Int] = [:]
    private var waiting: [String: [String]] = [:]

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
        guard var lane = waiting[webhook], !lane.isEmpty else { return nil }
        let next = lane.removeFirst()
        waiting[webhook] = lane.isEmpty ? nil : lane
        waitingCount -= 1
        return next
    }

    /// Attempts under way for `webhook`.
    func inFlight(for webhook: String) -> Int { inFlight[webhook, default: 0] }
}
