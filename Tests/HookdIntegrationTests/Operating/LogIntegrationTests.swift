import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// hookd's log on stderr: one line per attempt at debug, per failure at info, per webhook
/// disabled at warning, in text or JSON, and never a secret or a payload.
@Suite("Daemon logs")
struct LogIntegrationTests {
    /// A payload whose values must never reach the log.
    static let payload: JSONValue = ["customer_id": "cust_LOGPROBE_7f3a", "email": "probe-payload@example.com"]

    /// Three webhooks: one that takes the event, one that fails it (retried in an hour), one
    /// that answers 410 (disabled at once); returns their secrets once every delivery settled.
    static func deliverToThree(
        _ client: RPCClient, good: LoopbackReceiver, failing: LoopbackReceiver, gone: LoopbackReceiver
    ) async throws -> [String] {
        try await Loyalty.seed(client)
        let secrets = [
            try await Loyalty.webhook(client, name: "ok", url: good.url, events: ["customer.created"]).secret,
            try await Loyalty.webhook(client, name: "flaky", url: failing.url, events: ["customer.created"], retry: ["1h"]).secret,
            try await Loyalty.webhook(client, name: "gone", url: gone.url, events: ["customer.created"]).secret,
        ]
        let id = try await Loyalty.publish(client, type: "customer.created", data: payload).event.id
        _ = try await waitForDelivery(client, eventId: id, statuses: [.delivered, .scheduled, .failed])
        let detail = try await client.call(.webhooksGet, WebhookRefParams(webhook: "gone"), as: WebhookView.self)
        #expect(detail.enabled == false)
        return secrets.map(\.text)
    }

    @Test("JSON at debug: an object per line, an attempt at debug, a failure at info, a disabled webhook at warning, no secret or payload")
    func jsonLines() async throws {
        try await withThreeReceivers { good, failing, gone in
            try await withDaemon(arguments: ["--log-format", "json"], logLevel: "debug") { daemon, client in
                let secrets = try await Self.deliverToThree(client, good: good, failing: failing, gone: gone)
                let entries = try await Self.waitForLog(daemon) { entries in
                    entries.contains { $0["msg"] == "webhook disabled" }
                }
                func entry(_ message: String, webhook: String) -> [String: String]? {
                    entries.first { $0["msg"] == message && $0["webhook"] == webhook }
                }
                #expect(entry("attempt delivered", webhook: "acc_12345/ok")?["level"] == "debug")
                #expect(entry("attempt failed", webhook: "acc_12345/flaky")?["level"] == "info")
                #expect(entry("attempt failed", webhook: "acc_12345/flaky")?["result"] == "HTTP 500")
                #expect(entry("webhook disabled", webhook: "acc_12345/gone")?["level"] == "warning")
                #expect(entry("webhook disabled", webhook: "acc_12345/gone")?["reason"]?.contains("410") == true)
                Self.expectNothingSensitive(daemon.log, secrets: secrets)
            }
        }
    }

    @Test("text at info: failures and the disabled webhook, no per-attempt debug lines, no secret or payload")
    func textAtInfo() async throws {
        try await withThreeReceivers { good, failing, gone in
            try await withDaemon(arguments: ["--log-format", "text"], logLevel: "info") { daemon, client in
                let secrets = try await Self.deliverToThree(client, good: good, failing: failing, gone: gone)
                let log = try await Self.waitForText(daemon, containing: "webhook disabled")
                let lines = log.split(separator: "\n")
                #expect(lines.allSatisfy { !$0.hasPrefix("{") })
                #expect(lines.contains { $0.contains("info") && $0.contains("attempt failed") && $0.contains("acc_12345/flaky") })
                #expect(lines.contains { $0.contains("warning") && $0.contains("webhook disabled") && $0.contains("acc_12345/gone") })
                #expect(!log.contains("attempt delivered"))
                #expect(!log.contains("debug"))
                Self.expectNothingSensitive(log, secrets: secrets)
            }
        }
    }

    static func expectNothingSensitive(_ log: String, secrets: [String]) {
        for secret in secrets {
            #expect(!log.contains(secret))
            #expect(!log.contains(String(secret.dropFirst("whsec_".count))))
        }
        #expect(!log.contains("cust_LOGPROBE_7f3a"))
        #expect(!log.contains("probe-payload@example.com"))
    }

    /// Waits until the daemon's JSON log holds what `condition` looks for; every line must
    /// be one JSON object.
    static func waitForLog(
        _ daemon: RunningDaemon, until condition: ([[String: String]]) -> Bool
    ) async throws -> [[String: String]] {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let lines = daemon.log.split(separator: "\n")
            let entries = try lines.map { line -> [String: String] in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw WaitTimeout(description: "a log line is not a JSON object: \(line)")
                }
                return object.compactMapValues { $0 as? String }
            }
            if condition(entries) { return entries }
            guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "log never got there:\n\(daemon.log)") }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    static func waitForText(_ daemon: RunningDaemon, containing text: String) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let log = daemon.log
            if log.contains(text) { return log }
            guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "no \(text) in the log:\n\(log)") }
            try await Task.sleep(for: .milliseconds(25))
        }
    }
}

/// A receiver answering 200, one answering 500 and one answering 410.
func withThreeReceivers<T>(
    _ body: (LoopbackReceiver, LoopbackReceiver, LoopbackReceiver) async throws -> T
) async throws -> T {
    try await withReceiver { good in
        try await withReceiver(responder: { _ in ReceiverResponse(status: 500) }) { failing in
            try await withReceiver(responder: { _ in ReceiverResponse(status: 410) }) { gone in
                try await body(good, failing, gone)
            }
        }
    }
}
