import HookdCore
import HookdRPC

extension RPCClient {
    /// Publishes one event with `Events.Publish` and returns its outcome.
    public func publish(_ event: EventInput) async throws -> PublishedEvent {
        guard let published = try await call(.eventsPublish, EventPublishParams(event)).event else {
            throw RPCClientError.malformedResponse("Events.Publish answered a batch for one event")
        }
        return published
    }

    /// Publishes a batch with `Events.Publish` (all or nothing) and returns each event's
    /// outcome, in order.
    public func publish(batch: [EventInput]) async throws -> PublishBatchResult {
        guard let events = try await call(.eventsPublish, EventPublishParams(batch: batch)).events else {
            throw RPCClientError.malformedResponse("Events.Publish answered one event for a batch")
        }
        return PublishBatchResult(events: events)
    }
}
