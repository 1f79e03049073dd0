import Foundation
import HookdCore
import Testing

struct WebhookOrderingTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    func fields() -> WebhookFields {
        WebhookFields(policy: TargetPolicy(allowInsecureTargets: false), knownEventTypes: [], plan: AccountPlan())
    }

    @Test("a webhook is unordered unless it says fifo")
    func defaultIsUnordered() throws {
        let webhook = Webhook(
            account: "acc_1", name: "crm", url: "https://crm.example.com/hooks", events: [.all], secret: .generate(),
            createdAt: start)
        #expect(webhook.ordering == .unordered)
        #expect(WebhookOrdering.allCases.map(\.rawValue) == ["unordered", "fifo"])
    }

    @Test("ordering accepts unordered and fifo", arguments: [("unordered", WebhookOrdering.unordered), ("fifo", .fifo)])
    func parses(text: String, expected: WebhookOrdering) {
        var fields = fields()
        #expect(fields.ordering(text) == expected)
        #expect(fields.problems.violations.isEmpty)
    }

    @Test("an unknown ordering is refused on the ordering field, naming the allowed values", arguments: ["FIFO", "ordered", ""])
    func refusesUnknown(text: String) {
        var fields = fields()
        #expect(fields.ordering(text) == nil)
        #expect(fields.problems.violations.map(\.field) == ["ordering"])
        #expect(fields.problems.violations.first?.description == "unknown ordering \"\(text)\"; use one of unordered, fifo")
    }

    @Test("a delivery's first try counts as a first attempt; retries, redeliveries of tried ones and recoveries do not")
    func firstAttempts() throws {
        let pending = Delivery(
            eventId: "evt_1", eventType: "customer.created", account: "acc_1", webhookId: "wh_1", webhookName: "crm",
            status: .pending, nextAttemptAt: start, createdAt: start)
        #expect(pending.awaitsFirstAttempt)
        let retrying = pending.after(
            .response(statusCode: 500, body: ""), startedAt: start, retry: .standard, now: start)
        #expect(retrying.status == .scheduled)
        #expect(!retrying.awaitsFirstAttempt)
        var skipped = pending
        skipped.status = .skipped
        #expect(!skipped.awaitsFirstAttempt)
        // A skipped delivery re-sent by recover has no attempts yet, but is a re-send; sent
        // once by hand it is a first try.
        #expect(!(try skipped.redelivered(at: start, trigger: .recover).awaitsFirstAttempt))
        #expect(try skipped.redelivered(at: start, trigger: .manual).awaitsFirstAttempt)
        let failed = pending.after(.response(statusCode: 410, body: ""), startedAt: start, retry: .standard, now: start)
        #expect(!(try failed.redelivered(at: start).awaitsFirstAttempt))
    }
}
