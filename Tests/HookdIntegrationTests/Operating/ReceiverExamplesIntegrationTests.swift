import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `examples/receivers`: a real hookd delivers to the Python (official `standardwebhooks`)
/// and Node (`node:crypto` only) receivers, which accept its deliveries, take a replayed
/// `webhook-id` once, and refuse a tampered request or a wrong secret with 401.
@Suite("Example receivers")
struct ReceiverExamplesIntegrationTests {
    /// The repository's `examples/receivers`.
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/receivers")

    @Test("the Python receiver (standardwebhooks) accepts hookd's deliveries and refuses a tampered one")
    func python() async throws {
        try await exercise(["python3", Self.examples.appendingPathComponent("python/receiver.py").path])
    }

    @Test("the Node receiver (node:crypto) accepts hookd's deliveries and refuses a tampered one")
    func node() async throws {
        try await exercise(["node", Self.examples.appendingPathComponent("node/receiver.js").path])
    }

    private func exercise(_ command: [String]) async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            let (_, secret) = try await Loyalty.webhook(
                client, name: "example", url: "http://127.0.0.1:9/x", events: ["customer.created", "reward.issued"])
            let receiver = try RunningProgram.start(
                "/usr/bin/env", command, environment: ["WEBHOOK_SECRET": secret.text, "PORT": "0"])
            let started = try await receiver.waitForOutput(containing: "listening on ")
            let url = try #require(
                started.split(separator: "\n").first { $0.hasPrefix("listening on ") }?.split(separator: " ").last)
                .appending("webhooks")
            _ = try await client.call(.webhooksUpdate, WebhookUpdateParams(webhook: "example", url: url), as: WebhookView.self)

            // Real deliveries from hookd: accepted (delivered) and processed once each.
            let first = try await Loyalty.publish(client, type: "customer.created").event.id
            let second = try await Loyalty.publish(client, type: "reward.issued", data: ["reward_id": "rwd_33333"]).event.id
            for id in [first, second] {
                _ = try await waitForDelivery(client, eventId: id, statuses: [.delivered])
            }
            try await receiver.waitForOutput(containing: "processed customer.created \(first)")
            try await receiver.waitForOutput(containing: "processed reward.issued \(second)")

            // A signed request, then the same one again (a re-send), then its body changed.
            let body = Data(#"{"event_type":"transaction.completed","event_id":"evt_replayed","data":{"amount":50}}"#.utf8)
            let headers = Dictionary(
                uniqueKeysWithValues: WebhookSigner.headers(
                    id: "evt_replayed", timestamp: Int64(Date().timeIntervalSince1970), body: body, secrets: [secret]))
            #expect(try await LoopbackHTTP.request("POST", url, headers: headers, body: body).status == 200)
            #expect(try await LoopbackHTTP.request("POST", url, headers: headers, body: body).status == 200)
            try await receiver.waitForOutput(containing: "duplicate evt_replayed")
            try await receiver.waitForOutput(containing: "processed transaction.completed evt_replayed")
            let tampered = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "50", with: "5000").utf8)
            #expect(try await LoopbackHTTP.request("POST", url, headers: headers, body: tampered).status == 401)
            let forged = Dictionary(
                uniqueKeysWithValues: WebhookSigner.headers(
                    id: "evt_forged", timestamp: Int64(Date().timeIntervalSince1970), body: body,
                    secrets: [WebhookSecret.generate()]))
            #expect(try await LoopbackHTTP.request("POST", url, headers: forged, body: body).status == 401)
            let output = try await receiver.waitForOutput(containing: "refused evt_forged")
            #expect(output.contains("refused evt_replayed"))
            #expect(output.components(separatedBy: "processed transaction.completed evt_replayed").count == 2)
            #expect(!output.contains("processed transaction.completed evt_forged"))
            // The examples take no care of signals (a supervisor kills them); a child of the
            // test process may not even see SIGTERM (Python keeps the signal mask it inherits).
            try await receiver.stop(signal: SIGKILL)
        }
    }
}
