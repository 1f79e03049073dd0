import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Deliveries.*`: where each event went and how each attempt ended.
enum DeliveryHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.deliveriesList) { (params: DeliveryListParams, _) in
            var filter = DeliveryFilter(eventId: params.event, limit: try DaemonServices.limit(params.limit))
            if let reference = params.webhook {
                filter.webhookId = try await services.webhook(reference).id
            }
            if let status = params.status {
                guard let parsed = DeliveryStatus(rawValue: status) else {
                    let valid = DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")
                    throw HookdError.invalidField("status", "unknown status \"\(status)\"; use one of \(valid)")
                }
                filter.status = parsed
            }
            return try await services.store.deliveries(filter)
        }
        router.register(.deliveriesGet) { (params: IdParams, _) in
            guard let delivery = try await services.store.delivery(id: params.id) else {
                throw HookdError.notFound(.delivery, params.id)
            }
            return DeliveryDetail(delivery: delivery, attempts: try await services.store.attempts(deliveryId: delivery.id))
        }
        router.register(.deliveriesRedeliver) { (params: IdParams, _) in
            try await RedeliveryService(services: services).redeliver(params.id)
        }
    }
}
