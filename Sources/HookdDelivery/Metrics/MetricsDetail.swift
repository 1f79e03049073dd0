/// How much the engine records for metrics.
public enum MetricsDetail: Sendable, Equatable {
    /// Nothing: no metrics are served, so the engine does not even count.
    case none
    /// Totals: counters and histograms without a webhook label.
    case totals
    /// Attempts, their durations and ended deliveries labelled with their webhook
    /// (`--metrics-per-webhook`): one series per webhook.
    case perWebhook
}
