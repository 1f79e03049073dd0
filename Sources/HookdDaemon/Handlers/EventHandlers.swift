import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Events.*`: what producers publish.
enum EventHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        // Pipelined: admitted (checked and queued for the next group commit) in arrival order,
        // answered once committed, while later calls on the connection are admitted.
        router.registerPipelined(.eventsPublish) { (params: EventPublishParams, _) in
            let (request, ticket) = try await PublishService(services: services).admit(params, at: Date())
            // Answered from the commit that settles the ticket, with no task waiting for it.
            return Pending(whenSettled: { deliver in
                ticket.whenSettled { outcomes in deliver(outcomes.map { PublishService.result(of: request, $0) }) }
            })
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
