import Foundation
import HookdCore

/// Paces each webhook to its `RateLimit` with the generic cell rate algorithm: requests are
/// spaced `1/perSecond` apart on average, and up to one second's worth may go at once.
struct RateLimiter {
    /// The theoretical arrival time of each webhook's next request.
    private var theoreticalArrival: [String: Date] = [:]

    /// Takes a slot for `webhook` at `now`: `nil` when the request may go now, otherwise the
    /// time from which it may.
    mutating func reserve(webhook: String, limit: RateLimit, at now: Date) -> Date? {
        let interval = 1.0 / Double(limit.perSecond)
        let tolerance = max(0, 1.0 - interval)
        let arrival = max(theoreticalArrival[webhook] ?? now, now)
        if arrival.timeIntervalSince(now) > tolerance {
            return arrival.addingTimeInterval(-tolerance)
        }
        theoreticalArrival[webhook] = arrival.addingTimeInterval(interval)
        return nil
    }

    /// Forgets a webhook's pace once it is idle, so the table does not grow with old webhooks.
    mutating func forgetIdle(before now: Date) {
        theoreticalArrival = theoreticalArrival.filter { $0.value > now }
    }
}
