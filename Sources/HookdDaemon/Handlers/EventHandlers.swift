import Foundation
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Events.*`: what producers publish.
enum EventHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.eventsPublish) { (params: EventPublishParams, _) in
            let now = Date()
            let request = try await PublishRequest(params, services: services, now: now)
            let outcomes = try await services.store.publish(request.events, at: now)
            await services.engine.enqueue(outcomes.flatMap(\.deliveries))
            let published = outcomes.map {
                PublishedEvent(event: $0.event, deliveries: $0.deliveries.count, duplicate: $0.duplicate)
            }
            return request.isBatch ? PublishResult.batch(PublishBatchResult(events: published)) : .single(published[0])
        }
        router.register(.eventsGet) { (params: IdParams, _) in
            guard let event = try await services.store.event(id: params.id) else {
                throw HookdError.notFound(.event, params.id)
            }
            let deliveries = try await services.store.deliveries(DeliveryFilter(eventId: event.id, limit: 1000))
            return EventDetail(event: event, deliveries: deliveries)
        }
        router.register(.eventsList) { (params: EventListParams, _) in
            try await services.store.events(
                EventFilter(account: params.account, type: params.type, limit: try DaemonServices.limit(params.limit)))
        }
    }
}
