import Foundation
import HookdDelivery
import HookdStore
import Prometheus

/// What one scrape of `/metrics` answers: the gauges read at that moment (queue depth from
/// the store, attempts under way from the engine) set, then the registry rendered in the
/// Prometheus text format with a `# HELP` line for each of hookd's metrics.
struct MetricsExposition: Sendable {
    let registry: PrometheusCollectorRegistry
    let store: DaemonStore
    let engine: DeliveryEngine
    private let due: Prometheus.Gauge
    private let scheduled: Prometheus.Gauge
    private let retriesWaiting: Prometheus.Gauge
    private let inFlight: Prometheus.Gauge
    private let webhooksDisabled: Prometheus.Gauge

    init(registry: PrometheusCollectorRegistry, store: DaemonStore, engine: DeliveryEngine) {
        self.registry = registry
        self.store = store
        self.engine = engine
        due = registry.makeGauge(descriptor: Self.descriptor(MetricName.queued), labels: [("state", "due")])
        scheduled = registry.makeGauge(descriptor: Self.descriptor(MetricName.queued), labels: [("state", "scheduled")])
        retriesWaiting = registry.makeGauge(descriptor: Self.descriptor(MetricName.retriesWaiting))
        inFlight = registry.makeGauge(descriptor: Self.descriptor(MetricName.inFlight))
        webhooksDisabled = registry.makeGauge(descriptor: Self.descriptor(MetricName.webhooksDisabled))
    }

    /// The name as a descriptor without help: ``withHelp(_:)`` adds the help of every metric,
    /// swift-metrics' as well, in one place.
    private static func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: "")
    }

    /// The text format's content type.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Reads the gauges and renders every metric.
    func render() async throws -> String {
        let depth = try await store.queueDepth(at: Date())
        due.set(to: Double(depth.due))
        scheduled.set(to: Double(depth.scheduled))
        retriesWaiting.set(to: Double(depth.retriesWaiting))
        webhooksDisabled.set(to: Double(depth.webhooksDisabled))
        inFlight.set(to: Double(await engine.inFlightCount))
        return Self.withHelp(registry.emitToString())
    }

    /// `text` with `# HELP name ...` before the `# TYPE name ...` line of each metric hookd
    /// describes (swift-metrics gives no help text of its own).
    static func withHelp(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst("# TYPE ".count).prefix { $0 != " " }
                if let help = MetricName.help[String(name)] { lines.append("# HELP \(name) \(help)") }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
