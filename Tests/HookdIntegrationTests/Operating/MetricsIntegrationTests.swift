import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookd --metrics-listen`: Prometheus text at `/metrics` of a real daemon, scraped after
/// real deliveries.
@Suite("Prometheus metrics")
struct MetricsIntegrationTests {
    @Test("after deliveries, /metrics counts events, attempts by outcome and error class, ended deliveries, and shows the queue")
    func countsDeliveries() async throws {
        try await withReceiver { good in
            try await withReceiver(responder: { _ in ReceiverResponse(status: 503) }) { failing in
                try await withDaemon(arguments: ["--metrics-listen", "127.0.0.1:0"]) { daemon, client in
                    let metrics = try await MetricsAddress.of(daemon)
                    try await Loyalty.seed(client)
                    _ = try await Loyalty.webhook(client, name: "crm", url: good.url, events: ["customer.created"])
                    _ = try await Loyalty.webhook(
                        client, name: "down", url: failing.url, events: ["reward.issued"], retry: ["1h"])
                    _ = try await Loyalty.webhook(
                        client, name: "paused", url: good.url, events: ["customer.updated"], enabled: false)
                    var delivered: [String] = []
                    for _ in 0..<3 {
                        delivered.append(try await Loyalty.publish(client, type: "customer.created").event.id)
                    }
                    let down = try await Loyalty.publish(client, type: "reward.issued").event.id
                    let skipped = try await Loyalty.publish(client, type: "customer.updated").event.id
                    for id in delivered { _ = try await waitForDelivery(client, eventId: id, statuses: [.delivered]) }
                    _ = try await waitForDelivery(client, eventId: down, statuses: [.scheduled])
                    _ = try await waitForDelivery(client, eventId: skipped, statuses: [.skipped])

                    let response = try await LoopbackHTTP.request("GET", metrics)
                    #expect(response.status == 200)
                    let text = PrometheusText(response.body)
                    #expect(text.value("hookd_events_published_total") == 5)
                    #expect(text.value("hookd_delivery_attempts_total", ["outcome": "success", "error_class": "none"]) == 3)
                    #expect(text.value("hookd_delivery_attempts_total", ["outcome": "failure", "error_class": "http"]) == 1)
                    #expect(text.value("hookd_delivery_attempts_total", ["outcome": "failure", "error_class": "timeout"]) == 0)
                    #expect(text.value("hookd_deliveries_ended_total", ["status": "delivered"]) == 3)
                    #expect(text.value("hookd_deliveries_ended_total", ["status": "skipped"]) == 1)
                    #expect(text.value("hookd_deliveries_ended_total", ["status": "failed"]) == 0)
                    #expect(text.value("hookd_delivery_attempt_duration_seconds_count") == 4)
                    #expect(text.value("hookd_delivery_attempt_duration_seconds_bucket", ["le": "+Inf"]) == 4)
                    #expect((text.value("hookd_store_commit_duration_seconds_count") ?? 0) >= 1)
                    #expect(text.value("hookd_deliveries_queued", ["state": "scheduled"]) == 1)
                    #expect(text.value("hookd_deliveries_queued", ["state": "due"]) == 0)
                    #expect(text.value("hookd_retries_waiting") == 1)
                    #expect(text.value("hookd_attempts_in_flight") == 0)
                    #expect(text.value("hookd_webhooks_disabled") == 1)
                    #expect(text.text.contains("# HELP hookd_events_published_total "))
                    #expect(text.text.contains("# TYPE hookd_delivery_attempt_duration_seconds histogram"))
                    #expect(text.samples.allSatisfy { $0.labels["webhook"] == nil })

                    let missing = try await LoopbackHTTP.request("GET", metrics.replacingOccurrences(of: "/metrics", with: "/other"))
                    #expect(missing.status == 404)
                }
            }
        }
    }

    @Test("--metrics-per-webhook labels attempts and ended deliveries with the webhook")
    func perWebhookLabels() async throws {
        try await withReceiver { receiver in
            try await withDaemon(arguments: ["--metrics-listen", "127.0.0.1:0", "--metrics-per-webhook"]) { daemon, client in
                let metrics = try await MetricsAddress.of(daemon)
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.created"])
                _ = try await Loyalty.webhook(client, name: "erp", url: receiver.url, events: ["customer.created"])
                let id = try await Loyalty.publish(client, type: "customer.created").event.id
                _ = try await waitForDelivery(client, eventId: id, statuses: [.delivered])

                let text = PrometheusText(try await LoopbackHTTP.request("GET", metrics).body)
                for webhook in ["acc_12345/crm", "acc_12345/erp"] {
                    #expect(text.value("hookd_delivery_attempts_total", ["webhook": webhook, "outcome": "success"]) == 1)
                    #expect(text.value("hookd_deliveries_ended_total", ["webhook": webhook, "status": "delivered"]) == 1)
                    #expect(text.value("hookd_delivery_attempt_duration_seconds_count", ["webhook": webhook]) == 1)
                }
            }
        }
    }

    @Test("a malformed --metrics-listen stops hookd at start with the reason")
    func badAddress() async throws {
        let result = try await runCommand(Binaries.path(of: "hookd"), ["--metrics-listen", "9464"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--metrics-listen"))
        #expect(result.stderr.contains("HOST:PORT"))
        let orphan = try await runCommand(Binaries.path(of: "hookd"), ["--metrics-per-webhook"])
        #expect(orphan.exitCode != 0)
        #expect(orphan.stderr.contains("--metrics-per-webhook needs --metrics-listen"))
    }
}

/// Where a daemon started with `--metrics-listen 127.0.0.1:0` serves its metrics.
enum MetricsAddress {
    /// Reads the URL from the daemon's log line `serving Prometheus metrics`, polling (the
    /// daemon is another process).
    static func of(_ daemon: RunningDaemon) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let line = daemon.log.split(separator: "\n").first(where: { $0.contains("serving Prometheus metrics") }),
                let range = line.range(of: #"http://[^ ]+/metrics"#, options: .regularExpression)
            {
                return String(line[range])
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw WaitTimeout(description: "hookd logged no metrics address:\n\(daemon.log)")
    }
}
