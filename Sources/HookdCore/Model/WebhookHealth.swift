import Foundation

/// How a webhook's recent deliveries ended, for automatic disabling: how many in a row
/// exhausted their retries, and since when it has been failing. Any delivered delivery
/// resets it.
public struct WebhookHealth: Sendable, Equatable {
    public var consecutiveExhausted: Int
    /// When the current run of failures began; `nil` while healthy.
    public var failingSince: Date?

    public static let healthy = WebhookHealth(consecutiveExhausted: 0, failingSince: nil)

    public init(consecutiveExhausted: Int, failingSince: Date?) {
        self.consecutiveExhausted = consecutiveExhausted
        self.failingSince = failingSince
    }

    /// The health after a delivery to the webhook ended as `status` at `now`; other
    /// statuses (skipped, still waiting) leave it as it is.
    public func after(deliveryEndedAs status: DeliveryStatus, at now: Date) -> WebhookHealth {
        switch status {
        case .delivered: .healthy
        case .failed: WebhookHealth(consecutiveExhausted: consecutiveExhausted + 1, failingSince: failingSince ?? now)
        case .pending, .scheduled, .skipped: self
        }
    }
}

/// When hookd disables a webhook on its own: after so many deliveries in a row exhausted
/// their retries, or after failing for so long, whichever comes first.
public struct AutoDisablePolicy: Sendable, Equatable {
    /// Disable after this many consecutive exhausted deliveries; `nil` never.
    public var maximumConsecutiveExhausted: Int?
    /// Disable once failures have gone on this long; `nil` never.
    public var maximumFailingDuration: Interval?

    /// 10 exhausted deliveries in a row, or 5 days of failing.
    public static let standard = AutoDisablePolicy(maximumConsecutiveExhausted: 10, maximumFailingDuration: .days(5))

    public init(maximumConsecutiveExhausted: Int?, maximumFailingDuration: Interval?) {
        self.maximumConsecutiveExhausted = maximumConsecutiveExhausted
        self.maximumFailingDuration = maximumFailingDuration
    }

    /// Why the webhook should now be disabled, or `nil` when it should stay enabled.
    public func disableReason(for health: WebhookHealth, at now: Date) -> String? {
        if let limit = maximumConsecutiveExhausted, health.consecutiveExhausted >= limit {
            let count = Plural.count(health.consecutiveExhausted, "delivery", "deliveries")
            return "disabled by hookd: \(count) in a row failed after all retries"
        }
        if let limit = maximumFailingDuration, let since = health.failingSince,
            now.timeIntervalSince(since) >= limit.timeInterval
        {
            return "disabled by hookd: deliveries failing since \(Timestamp.format(since))"
        }
        return nil
    }
}
