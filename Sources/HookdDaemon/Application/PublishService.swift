import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// Publishing: checks what producers send, queues it for the engine's next group commit,
/// and answers once it is durably stored and fanned out.
struct PublishService: Sendable {
    let services: DaemonServices

    /// Checks `Events.Publish` params and queues the events for the next commit; awaiting
    /// the ticket gives their outcomes once committed. Refuses bad input before anything is
    /// queued (a batch with any bad event whole).
    func admit(_ params: EventPublishParams, at now: Date) async throws -> (request: PublishRequest, ticket: PublishTicket) {
        let request = try await PublishRequest(params, services: services, now: now)
        return (request, services.engine.publish(request.events))
    }

    /// The `Events.Publish` answer for committed outcomes.
    static func result(of request: PublishRequest, _ outcomes: [PublishOutcome]) -> PublishResult {
        let published = outcomes.map {
            PublishedEvent(event: $0.event, deliveries: $0.deliveries.count, duplicate: $0.duplicate)
        }
        return request.isBatch ? .batch(PublishBatchResult(events: published)) : .single(published[0])
    }

    /// Publishes one of hookd's own events (an operator disabled a webhook) and waits for
    /// its commit.
    func announce(_ event: Event) async throws {
        _ = try await services.engine.publish([event]).outcomes
    }
}
