import Foundation

/// One event on its way to one webhook, through all of its attempts.
public struct Delivery: Sendable, Equatable, Codable {
    /// `dlv_...`.
    public var id: String
    public var eventId: String
    public var eventType: String
    public var account: String
    public var webhookId: String
    public var webhookName: String
    public var status: DeliveryStatus
    /// Attempts made so far.
    public var attempts: Int
    /// When the next attempt is due; `nil` once the delivery has ended.
    public var nextAttemptAt: Date?
    public var lastAttemptAt: Date?
    /// The last attempt's HTTP status, when it got a response.
    public var lastStatusCode: Int?
    /// The last attempt's failure, in words.
    public var lastError: String?
    /// What the next attempt is for: its schedule, or an operator's redeliver.
    public var nextTrigger: AttemptTrigger
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String = Identifier.make(.delivery), eventId: String, eventType: String, account: String,
        webhookId: String, webhookName: String, status: DeliveryStatus, attempts: Int = 0,
        nextAttemptAt: Date?, lastAttemptAt: Date? = nil, lastStatusCode: Int? = nil, lastError: String? = nil,
        nextTrigger: AttemptTrigger = .scheduled, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.eventId = eventId
        self.eventType = eventType
        self.account = account
        self.webhookId = webhookId
        self.webhookName = webhookName
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.nextTrigger = nextTrigger
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Whether the next attempt is the delivery's first try (a new event, a `webhooks test`,
    /// a redelivery of one never tried), as opposed to a re-send: any later try (a retry, a
    /// redelivery) or a recovery, which can re-queue a whole window at once. The engine keeps
    /// the two apart so re-sends never hold up new events.
    public var awaitsFirstAttempt: Bool {
        status == .pending && attempts == 0 && nextTrigger != .recover
    }

    /// The delivery after an attempt that started at `startedAt` ended with `outcome`.
    ///
    /// Success ends it as `delivered`; a failure schedules the next attempt from the
    /// webhook's retry schedule, or ends it as `failed` when the schedule is exhausted.
    /// The scheduled wait is stretched by `jitter` (a fraction such as `-0.1...0.1`, so
    /// endpoints that failed together are not retried together); a 429 or 503 with
    /// `Retry-After` waits what the endpoint asked instead, kept within
    /// `RetrySchedule.retryAfterBounds`. A `410 Gone` ends the delivery as `failed` at once.
    /// Only `pending` and `scheduled` deliveries take attempts.
    public func after(
        _ outcome: AttemptOutcome, startedAt: Date, retry: RetrySchedule, now: Date, jitter: Double = 0
    ) -> Delivery {
        precondition(status.isAwaitingAttempt, "only pending or scheduled deliveries take attempts")
        var next = self
        next.nextTrigger = .scheduled
        next.attempts += 1
        next.lastAttemptAt = startedAt
        next.updatedAt = now
        next.lastStatusCode = outcome.statusCode
        next.lastError = outcome.isSuccess ? nil : outcome.summary
        if outcome.isSuccess {
            next.status = .delivered
            next.nextAttemptAt = nil
        } else if outcome.statusCode == 410 {
            // The endpoint says it is gone for good: retrying cannot help.
            next.status = .failed
            next.nextAttemptAt = nil
        } else if let delay = retry.delay(afterFailedAttempts: next.attempts) {
            next.status = .scheduled
            let wait =
                outcome.requestedRetryDelay.map(RetrySchedule.clampRetryAfter)?.timeInterval
                ?? delay.timeInterval * (1 + jitter)
            next.nextAttemptAt = now.addingTimeInterval(max(0, wait))
        } else {
            next.status = .failed
            next.nextAttemptAt = nil
        }
        return next
    }
}

extension Delivery {
    /// The delivery queued for one more attempt at once, by an operator.
    ///
    /// Only an ended delivery (delivered, failed, skipped) can be redelivered; one still
    /// waiting is refused with `FAILED_PRECONDITION`. The redelivery is one attempt: if it
    /// fails, the delivery ends `failed` again (its schedule was already used).
    public func redelivered(at now: Date, trigger: AttemptTrigger = .manual) throws(HookdError) -> Delivery {
        guard !status.isAwaitingAttempt else {
            throw HookdError(
                .failedPrecondition, reason: "hookd.DeliveryInProgress",
                "delivery \(id) is \(status.rawValue) and will be attempted anyway; redeliver ended deliveries only")
        }
        var next = self
        next.status = .pending
        next.nextAttemptAt = now
        next.nextTrigger = trigger
        next.updatedAt = now
        return next
    }
}

/// Where a delivery stands.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    /// Not attempted yet; due at `nextAttemptAt`.
    case pending
    /// Attempted and failed; the next attempt is due at `nextAttemptAt`.
    case scheduled
    /// A 2xx response arrived.
    case delivered
    /// Every attempt of the schedule failed.
    case failed
    /// The webhook was disabled when the event was published; kept so it can be replayed.
    case skipped

    /// Whether the delivery still waits for an attempt.
    public var isAwaitingAttempt: Bool { self == .pending || self == .scheduled }
}
