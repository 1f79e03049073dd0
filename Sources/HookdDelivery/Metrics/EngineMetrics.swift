import CoreMetrics
import HookdCore
import HookdStore

/// The delivery engine's counters and histograms, recorded once per group commit from what
/// the commit wrote (swift-metrics: the backend the executable bootstrapped, nothing when it
/// bootstrapped none). Counting per commit keeps the attempt path free of metrics: a commit
/// adds its events, attempts and ended deliveries with one increment per kind.
///
/// With `.perWebhook`, attempts, their durations and ended deliveries carry a `webhook` label
/// (`ACCOUNT/NAME`); with `.totals` they do not, which bounds the number of series; with
/// `.none` nothing is counted at all.
struct EngineMetrics: Sendable {
    private let detail: MetricsDetail
    private let published: Counter
    private let commitDuration: Timer
    private let autoDisabled: Counter
    /// Made once when there is no webhook label: the keys are a small fixed set.
    private let attempts: [AttemptKey: Counter]
    private let ended: [DeliveryStatus: Counter]
    private let attemptDuration: Timer?

    /// What one attempt ended as: `success`, or a failure's error class.
    private struct AttemptKey: Hashable {
        var errorClass: AttemptErrorClass?

        var dimensions: [(String, String)] {
            [("outcome", errorClass == nil ? "success" : "failure"), ("error_class", errorClass?.rawValue ?? "none")]
        }

        static let all = [AttemptKey(errorClass: nil)] + AttemptErrorClass.allCases.map { AttemptKey(errorClass: $0) }
    }

    private static let endStatuses: [DeliveryStatus] = [.delivered, .failed, .skipped]

    init(detail: MetricsDetail) {
        self.detail = detail
        published = Counter(label: MetricName.eventsPublished)
        commitDuration = Timer(label: MetricName.commitDuration)
        autoDisabled = Counter(label: MetricName.webhooksAutoDisabled)
        if detail != .totals {
            attempts = [:]
            ended = [:]
            attemptDuration = nil
        } else {
            attempts = Dictionary(
                uniqueKeysWithValues: AttemptKey.all.map { ($0, Counter(label: MetricName.attempts, dimensions: $0.dimensions)) })
            ended = Dictionary(
                uniqueKeysWithValues: Self.endStatuses.map {
                    ($0, Counter(label: MetricName.deliveriesEnded, dimensions: [("status", $0.rawValue)]))
                })
            attemptDuration = Timer(label: MetricName.attemptDuration)
        }
    }

    /// Records one successful group commit: how long the store took, the events it stored,
    /// the attempts and ended deliveries it wrote, and the webhooks it disabled.
    func committed(
        _ completions: [AttemptCompletion], receipt: QueueWriteReceipt, duration: Duration
    ) {
        guard detail != .none else { return }
        let (seconds, attoseconds) = duration.components
        commitDuration.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        var stored = 0
        var skippedAtPublish: [Delivery] = []
        for outcomes in receipt.published {
            for outcome in outcomes where !outcome.duplicate {
                stored += 1
                // A disabled webhook's share is stored as skipped at once, with no attempt.
                for delivery in outcome.deliveries where delivery.status == .skipped { skippedAtPublish.append(delivery) }
            }
        }
        if stored > 0 { published.increment(by: stored) }
        if !skippedAtPublish.isEmpty {
            recordEnds(skippedAtPublish.map { AttemptCompletion(delivery: $0, attempt: nil) })
        }
        if !receipt.disabled.isEmpty { autoDisabled.increment(by: receipt.disabled.count) }
        recordEnds(completions)
    }

    private func recordEnds(_ completions: [AttemptCompletion]) {
        guard !completions.isEmpty else { return }
        if detail == .perWebhook {
            recordPerWebhook(completions)
        } else {
            recordTotals(completions)
        }
    }

    private func recordTotals(_ completions: [AttemptCompletion]) {
        var attemptCounts: [AttemptKey: Int] = [:]
        var endCounts: [DeliveryStatus: Int] = [:]
        for completion in completions {
            if let attempt = completion.attempt {
                attemptCounts[AttemptKey(errorClass: attempt.errorClass), default: 0] += 1
                attemptDuration?.recordMilliseconds(attempt.durationMs)
            }
            if !completion.delivery.status.isAwaitingAttempt { endCounts[completion.delivery.status, default: 0] += 1 }
        }
        for (key, count) in attemptCounts { attempts[key]?.increment(by: count) }
        for (status, count) in endCounts { ended[status]?.increment(by: count) }
    }

    private func recordPerWebhook(_ completions: [AttemptCompletion]) {
        struct Key: Hashable {
            var webhook: String
            var attempt: AttemptKey?
            var ended: DeliveryStatus?
        }
        var counts: [Key: Int] = [:]
        for completion in completions {
            let webhook = "\(completion.delivery.account)/\(completion.delivery.webhookName)"
            if let attempt = completion.attempt {
                counts[Key(webhook: webhook, attempt: AttemptKey(errorClass: attempt.errorClass)), default: 0] += 1
                Timer(label: MetricName.attemptDuration, dimensions: [("webhook", webhook)])
                    .recordMilliseconds(attempt.durationMs)
            }
            if !completion.delivery.status.isAwaitingAttempt {
                counts[Key(webhook: webhook, ended: completion.delivery.status), default: 0] += 1
            }
        }
        for (key, count) in counts {
            if let attempt = key.attempt {
                Counter(label: MetricName.attempts, dimensions: [("webhook", key.webhook)] + attempt.dimensions)
                    .increment(by: count)
            } else if let status = key.ended {
                Counter(label: MetricName.deliveriesEnded, dimensions: [("webhook", key.webhook), ("status", status.rawValue)])
                    .increment(by: count)
            }
        }
    }
}
