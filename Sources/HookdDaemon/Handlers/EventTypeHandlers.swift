import Foundation
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `EventTypes.*`: the event catalog.
enum EventTypeHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.eventTypesList) { (_: EmptyParams, _) in
            try await services.store.eventTypes()
        }
        router.register(.eventTypesGet) { (params: NameParams, _) in
            guard let eventType = try await services.store.eventType(named: params.name) else {
                throw HookdError.notFound(.eventType, params.name)
            }
            return eventType
        }
        router.register(.eventTypesCreate) { (params: EventTypeCreateParams, _) in
            let eventType = try validated(params)
            try await services.store.createEventType(eventType)
            return eventType
        }
        router.register(.eventTypesDelete) { (params: NameParams, _) in
            guard !OperationalEvent.isOperational(params.name) else {
                throw HookdError(
                    .failedPrecondition, reason: "hookd.EventTypeReserved",
                    "\(params.name) is one of hookd's own event types and cannot be deleted")
            }
            try await services.store.deleteEventType(named: params.name)
            return DeletedResult(name: params.name)
        }
    }

    static func validated(_ params: EventTypeCreateParams) throws(HookdError) -> EventType {
        var problems = ViolationList()
        if let problem = Names.eventTypeProblem(params.name) {
            problems.add("name", problem)
        } else if OperationalEvent.isOperational(params.name) {
            problems.add(
                "name", "names starting with \"\(OperationalEvent.reservedPrefix)\" are reserved for hookd's own events")
        }
        if let description = params.description, description.count > 1000 {
            problems.add("description", "must be at most 1000 characters")
        }
        if let schema = params.schema, schema.objectValue == nil, schema != .bool(true), schema != .bool(false) {
            problems.add("schema", "must be a JSON Schema (an object), got \(schema.typeName)")
        }
        if let example = params.example, example.objectValue == nil {
            problems.add("example", "must be an object like an event's data, got \(example.typeName)")
        }
        try problems.check("invalid event type")
        return EventType(
            name: params.name, description: params.description, schema: params.schema, example: params.example,
            createdAt: Date())
    }
}
