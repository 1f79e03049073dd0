import Foundation
import HookdAPI
import HookdCore
import HookdSchema
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
        router.register(.eventTypesUpdate) { (params: EventTypeUpdateParams, _) in
            guard !OperationalEvent.isOperational(params.name) else { throw reserved(params.name, "changed") }
            guard var eventType = try await services.store.eventType(named: params.name) else {
                throw HookdError.notFound(.eventType, params.name)
            }
            eventType.description = params.description ?? eventType.description
            eventType.schema = params.schema ?? eventType.schema
            eventType.example = params.example ?? eventType.example
            var problems = ViolationList()
            problems.add(contentProblems(eventType))
            try problems.check("invalid event type")
            try await services.store.updateEventType(eventType)
            return eventType
        }
        router.register(.eventTypesDelete) { (params: NameParams, _) in
            guard !OperationalEvent.isOperational(params.name) else { throw reserved(params.name, "deleted") }
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
        let eventType = EventType(
            name: params.name, description: params.description, schema: params.schema, example: params.example,
            createdAt: Date())
        problems.add(contentProblems(eventType))
        try problems.check("invalid event type")
        return eventType
    }

    /// What is wrong with an event type's description, schema and example: the schema must
    /// compile and the example must match it.
    static func contentProblems(_ eventType: EventType) -> [Violation] {
        var problems = ViolationList()
        if let description = eventType.description, description.count > 1000 {
            problems.add("description", "must be at most 1000 characters")
        }
        problems.add(
            EventTypeRules.problems(description: eventType.description, schema: eventType.schema, example: eventType.example))
        return problems.violations
    }

    private static func reserved(_ name: String, _ action: String) -> HookdError {
        HookdError(
            .failedPrecondition, reason: "hookd.EventTypeReserved",
            "\(name) is one of hookd's own event types and cannot be \(action)")
    }
}
