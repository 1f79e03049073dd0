import Foundation
import HookdCore
import HookdStore
import HookdTesting
import Testing

@testable import HookdDelivery

/// The sender against a real HTTP server on loopback.
struct WebhookSenderTests {
    @Test("a 2xx comes back as a response, signed, with custom headers but never overriding hookd's")
    func success() async throws {
        let receiver = try await LoopbackReceiver.start { _ in
            ReceiverResponse(status: 201, body: "created", headers: ["X-Receipt": "r1"])
        }
        try await withSender { sender in
            let work = SenderFixture.work(url: receiver.url, headers: ["X-Team": "sales"])
            let result = await sender.send(work, timestamp: Int64(Date().timeIntervalSince1970))
            #expect(
                result.outcome
                    == .response(statusCode: 201, body: "created", headers: ["content-length": "7", "x-receipt": "r1"]))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
            let request = try #require(receiver.requests.first)
            #expect(request.headers["x-team"] == "sales")
            #expect(request.headers["user-agent"] == "hookd/test")
            try WebhookSigner.verify(
                id: "evt_send", timestamp: try #require(request.headers["webhook-timestamp"]),
                signatureHeader: try #require(request.headers["webhook-signature"]), body: request.body,
                secret: work.webhook.secret)
        }
        try await receiver.stop()
    }

    @Test("only the first 4 KiB of a response body is kept")
    func truncatesBody() async throws {
        let receiver = try await LoopbackReceiver.start { _ in
            ReceiverResponse(status: 500, body: String(repeating: "e", count: 20_000))
        }
        try await withSender { sender in
            let outcome = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome
            #expect(outcome.statusCode == 500)
            #expect(outcome.responseBody?.utf8.count == Attempt.maximumBodyBytes)
            #expect(outcome.errorClass == .http)
        }
        try await receiver.stop()
    }

    @Test("a slow endpoint is a timeout; a closed port is a connect failure; both name the address")
    func failures() async throws {
        let slow = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 200, delay: .seconds(2)) }
        let closed = try RefusingPort()
        defer { withExtendedLifetime(closed) {} }
        let closedURL = closed.url
        try await withSender { sender in
            let timedOut = await sender.send(
                SenderFixture.work(url: slow.url, timeout: Interval(milliseconds: 300)), timestamp: 1)
            #expect(timedOut.outcome.errorClass == .timeout)
            #expect(timedOut.resolvedAddress?.description == "127.0.0.1")
            let refused = await sender.send(SenderFixture.work(url: closedURL), timestamp: 1)
            #expect(refused.outcome.errorClass == .connect)
            #expect(refused.resolvedAddress?.description == "127.0.0.1")
        }
        try await slow.stop()
    }

    @Test("a target the policy forbids is refused before any connection is made")
    func refusesByPolicy() async throws {
        let receiver = try await LoopbackReceiver.start()
        try await withSender(policy: TargetPolicy(allowInsecureTargets: false)) { sender in
            let result = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
            #expect(result.outcome.errorClass == .refused)
            #expect(result.resolvedAddress == nil)
            #expect(receiver.requests.isEmpty)
        }
        try await receiver.stop()
    }

    @Test("attempts to one host and address share a kept-alive connection")
    func keepAlive() async throws {
        let receiver = try await LoopbackReceiver.start()
        try await withSender { sender in
            for _ in 0..<3 {
                let result = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
                #expect(result.outcome.statusCode == 200)
            }
        }
        let peers = receiver.requests.map(\.peer)
        #expect(peers.count == 3)
        #expect(Set(peers).count == 1, "one connection for all three: \(peers)")
        try await receiver.stop()
    }
}

/// Values and a sender for the sending tests.
enum SenderFixture {
    /// One delivery to `url`. The timeout is long by default so that a loaded machine (the
    /// whole suite runs at once on two cores) never turns a success into a timeout; tests
    /// of timeouts give their own.
    static func work(url: String, timeout: Interval = .seconds(60), headers: [String: String] = [:]) -> DeliveryWork {
        let now = Date()
        let webhook = Webhook(
            account: "acc_1", name: "crm", url: url, events: [.all], secret: .generate(), timeout: timeout,
            headers: headers, createdAt: now)
        let event = Event(id: "evt_send", account: "acc_1", type: "customer.created", timestamp: now, data: ["a": 1])
        return DeliveryWork(
            delivery: webhook.initialDelivery(for: event, at: now), webhook: webhook, body: try! event.envelopeBody())
    }
}

/// Runs `body` with a sender and shuts it down afterwards.
func withSender(
    policy: TargetPolicy = TargetPolicy(allowInsecureTargets: true),
    configuration: SenderConfiguration = SenderConfiguration(),
    resolver: any HostResolver = SystemResolver(), _ body: (WebhookSender) async throws -> Void
) async throws {
    let sender = WebhookSender(
        policy: policy, userAgent: "hookd/test", configuration: configuration, resolver: resolver)
    do {
        try await body(sender)
    } catch {
        await sender.shutdown()
        throw error
    }
    await sender.shutdown()
}
