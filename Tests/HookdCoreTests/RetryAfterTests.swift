import Foundation
import HookdCore
import Testing

struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_445_412_400)  // Wed, 21 Oct 2015 07:26:40 GMT
    let schedule = RetrySchedule(delays: [.seconds(10), .seconds(10)])

    func pending() -> Delivery {
        Delivery(
            eventId: "evt_1", eventType: "transaction.completed", account: "acc", webhookId: "wh", webhookName: "w", status: .pending,
            nextAttemptAt: now, createdAt: now)
    }

    @Test("Retry-After reads delay-seconds and HTTP-dates, and nothing else")
    func parsing() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .seconds(0))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(80))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .seconds(0))
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
    }

    @Test("a 429 or 503 waits what Retry-After asks instead of the schedule", arguments: [429, 503])
    func honoured(code: Int) {
        let next = pending().after(
            .response(statusCode: code, body: "", retryAfter: .seconds(42)), startedAt: now, retry: schedule, now: now)
        #expect(next.status == .scheduled)
        #expect(next.nextAttemptAt == now.addingTimeInterval(42))
    }

    @Test("Retry-After is kept between the floor and the cap")
    func clamped() {
        let tooSoon = pending().after(
            .response(statusCode: 503, body: "", retryAfter: .seconds(0)), startedAt: now, retry: schedule, now: now)
        #expect(tooSoon.nextAttemptAt == now.addingTimeInterval(RetrySchedule.retryAfterBounds.lowerBound.timeInterval))
        let tooLate = pending().after(
            .response(statusCode: 429, body: "", retryAfter: .seconds(86_400)), startedAt: now, retry: schedule, now: now)
        #expect(tooLate.nextAttemptAt == now.addingTimeInterval(RetrySchedule.retryAfterBounds.upperBound.timeInterval))
    }

    @Test("Retry-After on other statuses is ignored, and it never adds attempts beyond the schedule")
    func onlyWhereMeant() {
        let other = pending().after(
            .response(statusCode: 500, body: "", retryAfter: .seconds(42)), startedAt: now, retry: schedule, now: now)
        #expect(other.nextAttemptAt == now.addingTimeInterval(10))
        var delivery = pending()
        for _ in 0..<schedule.maximumAttempts {
            delivery = delivery.after(
                .response(statusCode: 503, body: "", retryAfter: .seconds(5)), startedAt: now, retry: schedule, now: now)
        }
        #expect(delivery.status == .failed)
    }

    @Test("jitter stretches or shrinks the scheduled wait by its fraction")
    func jitter() {
        let outcome = AttemptOutcome.response(statusCode: 500, body: "")
        let longer = pending().after(outcome, startedAt: now, retry: schedule, now: now, jitter: 0.1)
        let shorter = pending().after(outcome, startedAt: now, retry: schedule, now: now, jitter: -0.1)
        #expect(longer.nextAttemptAt == now.addingTimeInterval(11))
        #expect(shorter.nextAttemptAt == now.addingTimeInterval(9))
    }
}
