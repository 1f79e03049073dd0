import Foundation
import HookdCore
import Testing

struct DeliveryTransitionTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let schedule = RetrySchedule(delays: [.seconds(1), .seconds(5)])

    func pending() -> Delivery {
        Delivery(
            eventId: "evt_1", eventType: "customer.created", account: "acc_1", webhookId: "wh_1", webhookName: "crm",
            status: .pending, nextAttemptAt: start, createdAt: start)
    }

    @Test("a 2xx delivers and ends the delivery", arguments: [200, 201, 204, 299])
    func success(code: Int) {
        let next = pending().after(.response(statusCode: code, body: ""), startedAt: start, retry: schedule, now: start)
        #expect(next.status == .delivered)
        #expect(next.attempts == 1)
        #expect(next.nextAttemptAt == nil)
        #expect(next.lastStatusCode == code)
        #expect(next.lastError == nil)
    }

    @Test("failures follow the schedule, then the delivery fails", arguments: [
        AttemptOutcome.response(statusCode: 500, body: "boom"), .response(statusCode: 302, body: ""),
        .response(statusCode: 404, body: ""), .failure(.connect, message: "refused"), .failure(.timeout, message: "10s"),
    ])
    func retries(outcome: AttemptOutcome) {
        var delivery = pending()
        var now = start
        delivery = delivery.after(outcome, startedAt: now, retry: schedule, now: now)
        #expect(delivery.status == .scheduled)
        #expect(delivery.nextAttemptAt == now.addingTimeInterval(1))
        now = now.addingTimeInterval(1)
        delivery = delivery.after(outcome, startedAt: now, retry: schedule, now: now)
        #expect(delivery.status == .scheduled)
        #expect(delivery.nextAttemptAt == now.addingTimeInterval(5))
        now = now.addingTimeInterval(5)
        delivery = delivery.after(outcome, startedAt: now, retry: schedule, now: now)
        #expect(delivery.status == .failed)
        #expect(delivery.attempts == schedule.maximumAttempts)
        #expect(delivery.nextAttemptAt == nil)
        #expect(delivery.lastError == outcome.summary)
    }

    @Test("a 410 Gone ends the delivery at once, whatever the schedule")
    func gone() {
        let next = pending().after(.response(statusCode: 410, body: ""), startedAt: start, retry: schedule, now: start)
        #expect(next.status == .failed)
        #expect(next.nextAttemptAt == nil)
        #expect(next.lastError == "HTTP 410")
    }

    @Test("a success after failures clears the error")
    func recovery() {
        let failed = pending().after(.response(statusCode: 503, body: ""), startedAt: start, retry: schedule, now: start)
        let delivered = failed.after(.response(statusCode: 200, body: "ok"), startedAt: start, retry: schedule, now: start)
        #expect(delivered.status == .delivered)
        #expect(delivered.attempts == 2)
        #expect(delivered.lastError == nil)
    }

    @Test("an empty schedule means one attempt only")
    func noRetries() {
        let next = pending().after(
            .failure(.dns, message: "no such host"), startedAt: start, retry: RetrySchedule(delays: []), now: start)
        #expect(next.status == .failed)
    }

    @Test("an ended delivery can be redelivered once, by hand; a waiting one cannot")
    func redeliver() throws {
        let failed = pending().after(
            .response(statusCode: 500, body: ""), startedAt: start, retry: RetrySchedule(delays: []), now: start)
        let later = start.addingTimeInterval(60)
        let queued = try failed.redelivered(at: later)
        #expect(queued.status == .pending)
        #expect(queued.nextAttemptAt == later)
        #expect(queued.nextTrigger == .manual)
        let again = queued.after(.response(statusCode: 502, body: ""), startedAt: later, retry: schedule, now: later)
        #expect(again.status == .scheduled || again.status == .failed)
        #expect(again.nextTrigger == .scheduled)
        let exhausted = queued.after(
            .response(statusCode: 502, body: ""), startedAt: later, retry: RetrySchedule(delays: []), now: later)
        #expect(exhausted.status == .failed)
        #expect(throws: HookdError.self) { try pending().redelivered(at: later) }
    }

    @Test("only pending and scheduled deliveries await attempts")
    func awaiting() {
        #expect(DeliveryStatus.allCases.filter(\.isAwaitingAttempt) == [.pending, .scheduled])
    }

    @Test("the default schedule is at once, 1m, 5m, 30m")
    func standardSchedule() {
        #expect(RetrySchedule.standard.description == "1m,5m,30m")
        #expect(RetrySchedule.standard.maximumAttempts == 4)
    }

    @Test("a disabled webhook's delivery starts skipped, an enabled one's pending")
    func initialDelivery() throws {
        let event = Event(id: "evt_9", account: "acc_1", type: "reward.issued", timestamp: start, data: [:])
        var webhook = Webhook(
            account: "acc_1", name: "crm", url: "https://crm.example.com/hooks", events: [.all],
            secret: .generate(), createdAt: start)
        #expect(webhook.initialDelivery(for: event, at: start).status == .pending)
        webhook.enabled = false
        let skipped = webhook.initialDelivery(for: event, at: start)
        #expect(skipped.status == .skipped)
        #expect(skipped.nextAttemptAt == nil)
    }
}

struct EnvelopeTests {
    @Test("the body is exactly {event_type, event_id, timestamp, account_id, data} in that order")
    func envelope() throws {
        let event = Event(
            id: "evt_1", account: "acc_12345", type: "transaction.completed",
            timestamp: Date(timeIntervalSince1970: 1_764_384_312.123),
            data: ["transaction_id": "txn_11111", "amount": 50, "customer_id": "cust_67890"])
        let body = String(decoding: try event.envelopeBody(), as: UTF8.self)
        #expect(
            body
                == #"{"event_type":"transaction.completed","event_id":"evt_1","timestamp":"2025-11-29T02:45:12.123Z","account_id":"acc_12345","data":{"amount":50,"customer_id":"cust_67890","transaction_id":"txn_11111"}}"#
        )
    }

    @Test("event ids must be visible ASCII without spaces, at most 255 bytes")
    func ids() {
        #expect(Event.idProblem("order-42:created") == nil)
        #expect(Event.idProblem("") != nil)
        #expect(Event.idProblem("has space") != nil)
        #expect(Event.idProblem("é") != nil)
        #expect(Event.idProblem(String(repeating: "x", count: 256)) != nil)
    }
}
