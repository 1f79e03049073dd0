import Prometheus

/// Where and how hookd serves Prometheus metrics (`--metrics-listen`, `--metrics-per-webhook`).
public struct MetricsSettings: Sendable {
    /// The TCP address `/metrics` is served on.
    public var address: ListenAddress
    /// Label attempt metrics with the webhook: one series per webhook.
    public var perWebhook: Bool
    /// The registry the executable bootstrapped swift-metrics with; `/metrics` renders it.
    public var registry: PrometheusCollectorRegistry

    public init(address: ListenAddress, perWebhook: Bool, registry: PrometheusCollectorRegistry) {
        self.address = address
        self.perWebhook = perWebhook
        self.registry = registry
    }
}
