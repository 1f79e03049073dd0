import Foundation
import HookdAPI
import Synchronization
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("delivery through the real daemon")
struct DeliveryIntegrationTests {
    @Test("a published event arrives once, as the exact signed envelope with Standard Webhooks headers")
    func deliversSignedEnvelope() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                let (_, secret) = try await Loyalty.webhook(
                    client, name: "crm-sync", url: receiver.url, events: ["customer.created"])
                let published = try await Loyalty.publish(
                    client, type: "customer.created", data: ["customer_id": "cust_67890", "tier": "gold", "points": 120])
                #expect(published.deliveries == 1)

                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                #expect(request.method == "POST")
                #expect(request.headers["content-type"] == "application/json")
                #expect(request.headers["user-agent"] == HookdVersion.userAgent)
                #expect(request.headers["webhook-id"] == published.event.id)
                let body = String(decoding: request.body, as: UTF8.self)
                let expected = String(decoding: try published.event.envelopeBody(), as: UTF8.self)
                #expect(body == expected)
                #expect(body.hasPrefix(#"{"event_type":"customer.created","event_id":"\#(published.event.id)","timestamp":""#))
                let envelope = try request.jsonBody()
                #expect(Set(envelope.keys) == ["event_type", "event_id", "timestamp", "account_id", "data"])
                #expect(envelope["account_id"] as? String == Loyalty.account)
                try WebhookSigner.verify(
                    id: try #require(request.headers["webhook-id"]),
                    timestamp: try #require(request.headers["webhook-timestamp"]),
                    signatureHeader: try #require(request.headers["webhook-signature"]), body: request.body,
                    secret: secret)

                let delivered = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
                #expect(delivered.map(\.attempts) == [1])
                let detail = try await client.call(
                    .deliveriesGet, IdParams(id: delivered[0].id), as: DeliveryDetail.self)
                #expect(detail.attempts.count == 1)
                #expect(detail.attempts[0].statusCode == 200)
                #expect(detail.attempts[0].resolvedAddress == "127.0.0.1")
            }
        }
    }

    @Test("fan-out follows exact, family (customer.*) and wildcard subscriptions within the account")
    func fanOutBySubscription() async throws {
        try await withReceiver { exact in
            try await withReceiver { family in
                try await withReceiver { everything in
                    try await withDaemon { _, client in
                        try await Loyalty.seed(client)
                        try await Loyalty.seed(client, account: "acc_other")
                        _ = try await Loyalty.webhook(client, name: "exact", url: exact.url, events: ["customer.created"])
                        _ = try await Loyalty.webhook(client, name: "family", url: family.url, events: ["customer.*"])
                        _ = try await Loyalty.webhook(client, name: "all", url: everything.url, events: ["*"])
                        _ = try await Loyalty.webhook(
                            client, name: "elsewhere", url: exact.url, events: ["*"], account: "acc_other")

                        let created = try await Loyalty.publish(client, type: "customer.created")
                        let updated = try await Loyalty.publish(client, type: "customer.updated")
                        let reward = try await Loyalty.publish(client, type: "reward.issued", data: ["reward_id": "rw_1"])
                        #expect([created.deliveries, updated.deliveries, reward.deliveries] == [Int]([3, 2, 1]))

                        for event in [created, updated, reward] {
                            _ = try await waitForDelivery(client, eventId: event.event.id, statuses: [.delivered])
                        }
                        #expect(exact.requests.map { $0.headers["webhook-id"] } == [created.event.id])
                        #expect(Set(family.requests.compactMap { $0.headers["webhook-id"] }) == [created.event.id, updated.event.id])
                        #expect(everything.requests.count == 3)
                    }
                }
            }
        }
    }

    @Test("a disabled webhook is sent nothing; its share is kept as a skipped delivery")
    func disabledGetsNothing() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "off", url: receiver.url, events: ["*"], enabled: false)
                _ = try await Loyalty.webhook(client, name: "paused", url: receiver.url, events: ["*"])
                _ = try await client.call(
                    .webhooksDisable, WebhookDisableParams(webhook: "paused", reason: "maintenance"),
                    as: WebhookView.self)
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let deliveries = try await waitForDelivery(client, eventId: published.event.id, statuses: [.skipped])
                #expect(deliveries.count == 2)
                let paused = try await client.call(.webhooksGet, WebhookRefParams(webhook: "paused"), as: WebhookView.self)
                #expect(paused.status == "disabled")
                #expect(paused.disabledReason == "maintenance")
                #expect(receiver.requests.isEmpty)
            }
        }
    }

    @Test("disabling a webhook stops its waiting retries; they are kept as skipped")
    func disableStopsRetries() async throws {
        try await withReceiver(responder: { _ in ReceiverResponse(status: 500) }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                // The retry is due 6 s after the first attempt: the disable must land before it
                // even on a loaded machine; the waiting retry is then skipped when it comes due.
                _ = try await Loyalty.webhook(client, name: "failing", url: receiver.url, events: ["*"], retry: ["6s", "6s"])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                _ = try await receiver.waitForRequests(count: 1)
                _ = try await client.call(.webhooksDisable, WebhookDisableParams(webhook: "failing"), as: WebhookView.self)
                let deliveries = try await waitForDelivery(client, eventId: published.event.id, statuses: [.skipped])
                #expect(deliveries[0].attempts == 1)
                #expect(receiver.requests.count == 1)
            }
        }
    }

    @Test("failures are retried on the webhook's schedule and every attempt is recorded")
    func retriesUntilSuccess() async throws {
        let calls = Counter()
        try await withReceiver(responder: { _ in
            calls.next() < 2 ? ReceiverResponse(status: 503, body: "busy, try later") : ReceiverResponse(status: 204)
        }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(
                    client, name: "flaky", url: receiver.url, events: ["transaction.completed"], retry: ["1s", "1s", "1s"])
                let published = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["transaction_id": "txn_11111", "amount": 50])
                let requests = try await receiver.waitForRequests(count: 3)
                #expect(Set(requests.map { $0.headers["webhook-id"] }) == [published.event.id])
                #expect(Set(requests.map(\.body)).count == 1)
                let delivery = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])[0]
                #expect(delivery.attempts == 3)
                let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.statusCode) == [503, 503, 204])
                #expect(detail.attempts.map(\.number) == [1, 2, 3])
                #expect(detail.attempts[0].responseBody == "busy, try later")
                #expect(detail.attempts[0].errorClass == .http)
                #expect(detail.attempts[1].startedAt.timeIntervalSince(detail.attempts[0].startedAt) >= 0.9)
            }
        }
    }

    @Test("a 503 with Retry-After is retried after the wait it asked for, not the schedule's")
    func honoursRetryAfter() async throws {
        let calls = Counter()
        try await withReceiver(responder: { _ in
            calls.next() == 0
                ? ReceiverResponse(status: 503, headers: ["Retry-After": "3"]) : ReceiverResponse(status: 200)
        }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "busy", url: receiver.url, events: ["*"], retry: ["1s"])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let delivery = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])[0]
                let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.statusCode) == [503, 200])
                #expect(detail.attempts[1].startedAt.timeIntervalSince(detail.attempts[0].startedAt) >= 2.9)
                // The attempt log keeps the response headers and when the next attempt was due.
                #expect(detail.attempts[0].responseHeaders?["retry-after"] == "3")
                let due = try #require(detail.attempts[0].nextAttemptAt)
                #expect(due.timeIntervalSince(detail.attempts[0].startedAt) >= 2.9)
                #expect(detail.attempts[1].nextAttemptAt == nil)
            }
        }
    }

    @Test("a delivery that exhausts its schedule ends failed; a refused connection is classed as connect")
    func exhaustsSchedule() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            // A port nothing listens on: bind a receiver, note its URL, stop it.
            let receiver = try await LoopbackReceiver.start()
            let deadURL = receiver.url
            try await receiver.stop()
            _ = try await Loyalty.webhook(client, name: "dead", url: deadURL, events: ["*"], retry: ["1s"])
            let published = try await Loyalty.publish(client, type: "reward.issued")
            let delivery = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])[0]
            #expect(delivery.attempts == 2)
            let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
            #expect(detail.attempts.map(\.errorClass) == [.connect, .connect])
            #expect(detail.attempts.allSatisfy { $0.statusCode == nil })
            let failed = try await client.call(
                .deliveriesList, DeliveryListParams(webhook: "dead", status: "failed"), as: [Delivery].self)
            #expect(failed.map(\.id) == [delivery.id])
        }
    }

    @Test("a 410 Gone disables the webhook at once with the reason kept; later events are kept as skipped")
    func goneDisables() async throws {
        try await withReceiver(responder: { _ in ReceiverResponse(status: 410) }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "gone", url: receiver.url, events: ["*"], retry: ["1s", "1s"])
                let first = try await Loyalty.publish(client, type: "reward.issued")
                let failed = try await waitForDelivery(client, eventId: first.event.id, statuses: [.failed])
                #expect(failed[0].attempts == 1)
                let webhook = try await client.call(.webhooksGet, WebhookRefParams(webhook: "gone"), as: WebhookView.self)
                #expect(webhook.status == "disabled")
                #expect(webhook.disabledReason?.contains("410 Gone") == true)
                #expect(webhook.disabledReason?.hasPrefix("disabled by hookd") == true)
                let later = try await Loyalty.publish(client, type: "reward.issued")
                _ = try await waitForDelivery(client, eventId: later.event.id, statuses: [.skipped])
                #expect(receiver.requests.count == 1)
            }
        }
    }

    @Test("an operator redelivers a failed delivery: same webhook-id and body, attempt recorded as manual")
    func redeliver() async throws {
        let answer = StatusSwitch(500)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"], retry: [])
                let published = try await Loyalty.publish(client, type: "customer.created")
                let failed = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])[0]

                let early = try await runHookctl(["deliveries", "redeliver", "dlv_missing"], socket: daemon.socketPath)
                #expect(early.exitCode == 1)
                #expect(early.stderr.contains("not found"))

                answer.set(200)
                let result = try await runHookctl(["deliveries", "redeliver", failed.id], socket: daemon.socketPath)
                #expect(result.exitCode == 0, "\(result)")
                #expect(result.stdout.contains("Queued delivery \(failed.id)"))
                let delivered = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
                #expect(delivered[0].id == failed.id)
                let detail = try await client.call(.deliveriesGet, IdParams(id: failed.id), as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.trigger) == [.scheduled, .manual])
                #expect(detail.attempts.map(\.statusCode) == [500, 200])
                let requests = receiver.requests
                #expect(requests.count == 2)
                #expect(requests[0].headers["webhook-id"] == requests[1].headers["webhook-id"])
                #expect(requests[0].body == requests[1].body)

                // While a redelivery is under way (the receiver holds its answer until the test
                // lets it go, so however slow the machine the attempt is still open), another
                // is refused.
                let gate = ResponseGate()
                defer { gate.open() }
                receiver.respond { _ in ReceiverResponse(status: 200, gate: gate) }
                _ = try await client.call(.deliveriesRedeliver, IdParams(id: failed.id), as: Delivery.self)
                let busy = await #expect(throws: RPCRemoteError.self) {
                    _ = try await client.call(.deliveriesRedeliver, IdParams(id: failed.id), as: Delivery.self)
                }
                #expect(busy?.data?.status == "FAILED_PRECONDITION")
                #expect(busy?.data?.reason == "hookd.DeliveryInProgress")
                gate.open()
                _ = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
            }
        }
    }

    @Test("a webhook whose deliveries keep failing is disabled with its reason; a success in between resets the count")
    func autoDisable() async throws {
        let answer = StatusSwitch(500)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { receiver in
            try await withDaemon(arguments: ["--disable-after-failures", "2"]) { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "flaky", url: receiver.url, events: ["*"], retry: [])
                func publishAndWait(_ status: DeliveryStatus) async throws {
                    let published = try await Loyalty.publish(client, type: "reward.issued")
                    _ = try await waitForDelivery(client, eventId: published.event.id, statuses: [status])
                }
                try await publishAndWait(.failed)
                answer.set(200)
                try await publishAndWait(.delivered)
                answer.set(500)
                try await publishAndWait(.failed)
                var webhook = try await client.call(.webhooksGet, WebhookRefParams(webhook: "flaky"), as: WebhookView.self)
                #expect(webhook.enabled)

                try await publishAndWait(.failed)
                webhook = try await client.call(.webhooksGet, WebhookRefParams(webhook: "flaky"), as: WebhookView.self)
                #expect(!webhook.enabled)
                #expect(webhook.disabledReason == "disabled by hookd: 2 deliveries in a row failed after all retries")
                try await publishAndWait(.skipped)
                #expect(receiver.requests.count == 4)
            }
        }
    }

    @Test("a 3xx is a failure and the redirect is not followed")
    func redirectsNotFollowed() async throws {
        try await withReceiver(responder: { _ in ReceiverResponse(status: 302, headers: ["location": "/elsewhere"]) }) {
            receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "moved", url: receiver.url, events: ["*"], retry: [])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let delivery = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])[0]
                #expect(delivery.lastStatusCode == 302)
                #expect(receiver.requests.map(\.uri) == ["/hooks"])
            }
        }
    }

    @Test("an endpoint slower than the webhook's timeout counts as a timeout")
    func timeout() async throws {
        // The endpoint never answers while the test runs: the 500 ms timeout is all that ends
        // the attempt.
        let gate = ResponseGate()
        defer { gate.open() }
        try await withReceiver(responder: { _ in ReceiverResponse(status: 200, gate: gate) }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await client.call(
                    .webhooksCreate,
                    WebhookCreateParams(
                        account: Loyalty.account, name: "slow", url: receiver.url, events: ["*"], retry: [],
                        timeout: "500ms"),
                    as: WebhookView.self)
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let delivery = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])[0]
                let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.errorClass) == [.timeout])
            }
        }
    }

    @Test("publishing an event id again returns the stored event and delivers nothing more")
    func idempotentPublish() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
                let first = try await Loyalty.publish(client, type: "customer.created", id: "order-42")
                let again = try await Loyalty.publish(client, type: "customer.created", id: "order-42")
                #expect(first.event.id == "order-42")
                #expect(!first.duplicate && again.duplicate)
                #expect(again.deliveries == 0)
                #expect(again.event == first.event)
                _ = try await waitForDelivery(client, eventId: "order-42", statuses: [.delivered])
                #expect(receiver.requests.count == 1)
            }
        }
    }

    @Test("webhooks test sends a hookd.ping to that webhook only and records it")
    func testEvent() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.created"])
                let result = try await client.call(
                    .webhooksTest, WebhookTestParams(webhook: "crm"), as: WebhookTestResult.self)
                #expect(result.event.type == "hookd.ping")
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                #expect(try request.jsonBody()["event_type"] as? String == "hookd.ping")
                _ = try await waitForDelivery(client, eventId: result.event.id, statuses: [.delivered])
                let detail = try await client.call(
                    .deliveriesGet, IdParams(id: result.delivery.id), as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.trigger) == [.manual], "a test send is an operator's, not the schedule's")
            }
        }
    }

    @Test("a batch publish fans out every event in one call")
    func batchPublish() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "all", url: receiver.url, events: ["*"])
                let inputs = (0..<20).map {
                    EventInput(account: Loyalty.account, type: "transaction.completed", data: ["n": .int(Int64($0))])
                }
                let result = try await client.publish(batch: inputs)
                #expect(result.events.count == 20)
                let requests = try await receiver.waitForRequests(count: 20)
                #expect(Set(requests.compactMap { $0.headers["webhook-id"] }) == Set(result.events.map(\.event.id)))
            }
        }
    }

    @Test("many producers publishing at once all get their events delivered")
    func concurrentProducers() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "all", url: receiver.url, events: ["*"])
                try await withThrowingTaskGroup { group in
                    for producer in 0..<8 {
                        group.addTask {
                            let own = daemon.client()
                            for n in 0..<10 {
                                _ = try await Loyalty.publish(own, type: "reward.issued", data: ["p": .int(Int64(producer)), "n": .int(Int64(n))])
                            }
                            await own.close()
                        }
                    }
                    try await group.waitForAll()
                }
                let requests = try await receiver.waitForRequests(count: 80)
                #expect(Set(requests.compactMap { $0.headers["webhook-id"] }).count == 80)
            }
        }
    }
}

/// A thread-safe counter for responders.
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Returns the current value and increments it.
    func next() -> Int {
        value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
