import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookctl listen`: a real hookd delivers to it over loopback; it shows each request with
/// its signature checked and answers as told.
@Suite("hookctl listen")
struct ListenIntegrationTests {
    @Test("hookd delivers to hookctl listen, which shows the event and a valid Standard Webhooks signature")
    func showsValidDelivery() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            // The webhook's URL needs the port, which needs the listener: make the webhook
            // first with a placeholder, read its secret, then point it at the listener.
            let (_, secret) = try await Loyalty.webhook(client, name: "local", url: "http://127.0.0.1:9/x", events: ["*"])
            let listener = try await Listener.start(["--secret", secret.text], socket: daemon.socketPath)
            _ = try await client.call(
                .webhooksUpdate, WebhookUpdateParams(webhook: "local", url: listener.url + "webhooks"), as: WebhookView.self)
            let published = try await Loyalty.publish(
                client, type: "customer.created", data: ["customer_id": "cust_67890", "name": "John Smith"])

            let output = try await listener.program.waitForOutput(containing: "→ answered 200")
            #expect(output.contains("customer.created"))
            #expect(output.contains("webhook-id \(published.event.id)"))
            #expect(output.contains("attempt 1"))
            #expect(output.contains("signature standard-webhooks: valid"))
            #expect(output.contains(#""customer_id" : "cust_67890""#) || output.contains(#""customer_id": "cust_67890""#))
            let deliveries = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
            #expect(deliveries.first?.attempts == 1)
            try await listener.program.stop()
        }
    }

    @Test("a request whose body was changed after signing is shown as invalid")
    func tamperedIsInvalid() async throws {
        let secret = WebhookSecret.generate()
        let listener = try await Listener.start(["--secret", secret.text], socket: nil)
        let body = Data(#"{"event_type":"transaction.completed","event_id":"evt_tamper","data":{"amount":50}}"#.utf8)
        let timestamp = Int64(Date().timeIntervalSince1970)
        let headers = Dictionary(
            uniqueKeysWithValues: WebhookSigner.headers(id: "evt_tamper", timestamp: timestamp, body: body, secrets: [secret]))

        let genuine = try await LoopbackHTTP.request("POST", listener.url + "in", headers: headers, body: body)
        #expect(genuine.status == 200)
        let tampered = Data(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "50", with: "5000").utf8)
        _ = try await LoopbackHTTP.request("POST", listener.url + "in", headers: headers, body: tampered)

        let output = try await listener.program.waitForOutput("two reports") {
            $0.components(separatedBy: "→ answered").count == 3
        }
        let reports = output.components(separatedBy: "── POST").dropFirst()
        #expect(reports.count == 2)
        #expect(reports.first?.contains("signature standard-webhooks: valid") == true)
        #expect(reports.last?.contains("signature standard-webhooks: INVALID (no signature matches the secret)") == true)
        #expect(reports.last?.contains("attempt 2") == true)
        try await listener.program.stop()
    }

    @Test("--fail-first 2 answers 500 twice, so hookd retries and the third attempt is delivered")
    func failFirstMakesHookdRetry() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            _ = try await Loyalty.webhook(
                client, name: "flaky", url: "http://127.0.0.1:9/x", events: ["reward.issued"], retry: ["1s", "1s", "1s"])
            let listener = try await Listener.start(["--webhook", "flaky", "--fail-first", "2"], socket: daemon.socketPath)
            #expect(listener.program.output.contains("Verifying signatures with the secret of webhook acc_12345/flaky"))
            #expect(listener.program.output.contains("Answering 500 to the first 2 requests, then 200."))
            _ = try await client.call(
                .webhooksUpdate, WebhookUpdateParams(webhook: "flaky", url: listener.url + "hooks"), as: WebhookView.self)
            let published = try await Loyalty.publish(client, type: "reward.issued")

            let deliveries = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
            #expect(deliveries.first?.attempts == 3)
            let output = try await listener.program.waitForOutput(containing: "attempt 3")
            #expect(output.components(separatedBy: "→ answered 500").count == 3)
            #expect(output.components(separatedBy: "→ answered 200").count == 2)
            #expect(output.components(separatedBy: "signature standard-webhooks: valid").count == 4)
            let detail = try await client.call(.eventsGet, IdParams(id: published.event.id), as: EventDetail.self)
            let attempts = try await client.call(
                .deliveriesGet, IdParams(id: try #require(detail.deliveries.first).id), as: DeliveryDetail.self)
            #expect(attempts.attempts.map(\.statusCode) == [500, 500, 200])
            try await listener.program.stop()
        }
    }

    @Test("--webhook reads an hmac-sha256 webhook's secret and header, and checks that signature")
    func hmacSchemeVerified() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(
                    account: Loyalty.account, name: "github-style", url: "http://127.0.0.1:9/x", events: ["*"],
                    signature: WebhookSignatureSettings(
                        scheme: "hmac-sha256", header: "X-Hub-Signature-256", encoding: "hex", prefix: "sha256=")),
                as: WebhookView.self)
            let listener = try await Listener.start(["--webhook", "github-style"], socket: daemon.socketPath)
            _ = try await client.call(
                .webhooksUpdate, WebhookUpdateParams(webhook: "github-style", url: listener.url + "gh"), as: WebhookView.self)
            _ = try await Loyalty.publish(client, type: "customer.updated")
            let output = try await listener.program.waitForOutput(containing: "→ answered 200")
            #expect(output.contains("signature hmac-sha256 (x-hub-signature-256): valid"))
            #expect(output.contains("x-hub-signature-256: sha256="))
            try await listener.program.stop()
        }
    }

    @Test("-o json prints one JSON object per request, with the signature verdicts and the body as JSON")
    func jsonLines() async throws {
        let secret = WebhookSecret.generate()
        let listener = try await Listener.start(["--secret", secret.text, "-o", "json"], socket: nil)
        let body = Data(#"{"event_type":"reward.issued","event_id":"evt_json","data":{"reward_id":"rwd_1"}}"#.utf8)
        let headers = Dictionary(
            uniqueKeysWithValues: WebhookSigner.headers(
                id: "evt_json", timestamp: Int64(Date().timeIntervalSince1970), body: body, secrets: [secret]))
        #expect(try await LoopbackHTTP.request("POST", listener.url + "json", headers: headers, body: body).status == 200)
        let output = try await listener.program.waitForOutput(containing: #""answer":200"#)
        let line = try #require(output.split(separator: "\n").last)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(report["eventType"] as? String == "reward.issued")
        #expect(report["webhookId"] as? String == "evt_json")
        #expect(report["attempt"] as? Int == 1)
        #expect(report["path"] as? String == "/json")
        let signatures = try #require(report["signatures"] as? [[String: Any]])
        #expect(signatures.count == 1)
        #expect(signatures.first?["scheme"] as? String == "standard-webhooks")
        #expect(signatures.first?["valid"] as? Bool == true)
        #expect((report["body"] as? [String: Any])?["event_id"] as? String == "evt_json")
        try await listener.program.stop()
    }

    @Test("bad options are refused with the reason")
    func badOptions() async throws {
        let both = try await runHookctl(["listen", "--secret", "whsec_x", "--webhook", "w"], socket: nil)
        #expect(both.exitCode != 0)
        #expect(both.stderr.contains("give --secret or --webhook, not both"))
        let badSecret = try await runHookctl(["listen", "--secret", "nope"], socket: nil)
        #expect(badSecret.exitCode != 0)
        #expect(badSecret.stderr.contains("--secret"))
        #expect(badSecret.stderr.contains("whsec_"))
        let badStatus = try await runHookctl(["listen", "--status", "99"], socket: nil)
        #expect(badStatus.exitCode != 0)
        #expect(badStatus.stderr.contains("--status"))
    }
}

/// A running `hookctl listen` on a free port, and its base URL.
private struct Listener {
    var program: RunningProgram
    /// `http://127.0.0.1:PORT/`.
    var url: String

    /// Starts `hookctl listen --port 0 ARGUMENTS` and reads the port it printed.
    static func start(_ arguments: [String], socket: String?) async throws -> Listener {
        let program = try RunningProgram.start(
            Binaries.path(of: "hookctl"), ["listen", "--port", "0"] + arguments + (socket.map { ["--socket", $0] } ?? []))
        let output = try await program.waitForOutput("the listening address") {
            $0.contains("Listening on ") || $0.contains(#"{"listening":"#)
        }
        if let line = output.split(separator: "\n").first(where: { $0.hasPrefix(#"{"listening":"#) }) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            return Listener(program: program, url: try #require(object["listening"]))
        }
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("Listening on ") })
        let url = try #require(line.split(separator: " ").dropFirst(2).first)
        return Listener(program: program, url: String(url))
    }
}
