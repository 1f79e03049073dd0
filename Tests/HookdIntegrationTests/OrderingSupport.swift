import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Synchronization

/// Answers 500 to the first `failures` attempts of one event, 200 to everything else.
final class FailingHead: Sendable {
    private let eventId: String
    private let failures: Int
    private let seen = Mutex(0)

    init(eventId: String, failures: Int) {
        self.eventId = eventId
        self.failures = failures
    }

    func respond(to request: ReceivedRequest, delay: Duration? = nil) -> ReceiverResponse {
        guard request.headers["webhook-id"] == eventId else { return ReceiverResponse(status: 200, delay: delay) }
        let attempt = seen.withLock { count in
            count += 1
            return count
        }
        return ReceiverResponse(status: attempt <= failures ? 500 : 200, delay: delay)
    }
}

/// Creates a webhook with `ordering` and returns what the daemon shows of it.
func createWebhook(
    _ client: RPCClient, name: String, url: String, events: [String] = ["*"], retry: [String] = ["1s", "1s", "1s"],
    timeout: String? = nil, ordering: String? = nil
) async throws -> WebhookView {
    try await client.call(
        .webhooksCreate,
        WebhookCreateParams(
            account: Loyalty.account, name: name, url: url, events: events, retry: retry, timeout: timeout,
            ordering: ordering),
        as: WebhookView.self)
}

/// Publishes events with the given ids, in one batch, in that order.
func publishBatch(_ client: RPCClient, ids: [String], type: String = "reward.issued") async throws {
    let inputs = ids.map { EventInput(account: Loyalty.account, type: type, data: ["n": .string($0)], id: $0) }
    _ = try await client.publish(batch: inputs)
}

/// The attempts the daemon recorded for an event's delivery to one webhook, first to last.
func recordedAttempts(_ client: RPCClient, eventId: String, webhook: String) async throws -> [Attempt] {
    let event = try await client.call(.eventsGet, IdParams(id: eventId), as: EventDetail.self)
    guard let delivery = event.deliveries.first(where: { $0.webhookName == webhook }) else {
        throw WaitTimeout(description: "event \(eventId) has no delivery to \(webhook)")
    }
    return try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self).attempts
}

/// The `webhook-id` of each request, in arrival order.
func eventIds(_ requests: [ReceivedRequest]) -> [String] {
    requests.map { $0.headers["webhook-id"] ?? "?" }
}
