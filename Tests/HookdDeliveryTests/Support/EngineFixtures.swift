import Foundation
import HookdCore
import HookdDelivery
import HookdStore

/// Webhooks, deliveries and attempt results for engine tests.
enum EngineFixture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func webhook(
        _ id: String, ordering: WebhookOrdering = .unordered, retry: RetrySchedule = RetrySchedule(delays: [.seconds(10)]),
        rateLimit: RateLimit? = nil, enabled: Bool = true
    ) -> Webhook {
        Webhook(
            id: id, account: "acc_1", name: id, url: "http://127.0.0.1:9/\(id)", enabled: enabled,
            events: [try! EventPattern("*")], secret: WebhookSecret.generate(), retry: retry, rateLimit: rateLimit,
            ordering: ordering, createdAt: start)
    }

    static func work(_ id: String, to webhook: Webhook, due: Date = start) -> DeliveryWork {
        DeliveryWork(
            delivery: Delivery(
                id: id, eventId: "evt_\(id)", eventType: "customer.created", account: webhook.account,
                webhookId: webhook.id, webhookName: webhook.name, status: .pending, nextAttemptAt: due, createdAt: start),
            webhook: webhook, body: Data("{\"event_id\":\"evt_\(id)\"}".utf8))
    }

    static let ok = AttemptResult(.response(statusCode: 200, body: ""))
    static let serverError = AttemptResult(.response(statusCode: 500, body: ""))
    static let gone = AttemptResult(.response(statusCode: 410, body: ""))
}
