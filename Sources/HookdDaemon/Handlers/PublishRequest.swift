import Foundation
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// Checks `Events.Publish` params and turns them into events, reporting every problem of
/// every event at once; a batch with any bad event is refused whole.
struct PublishRequest {
    /// Most events in one batch.
    static let maximumBatchSize = 1000

    /// The events to store, in the order given.
    let events: [Event]
    /// True when the params were a batch (`events`), so the answer is a batch too.
    let isBatch: Bool

    init(_ params: EventPublishParams, services: DaemonServices, now: Date) async throws {
        let single = params.account != nil || params.type != nil || params.data != nil || params.id != nil
        let inputs: [(prefix: String, input: EventInput)]
        if let batch = params.events {
            guard !single else {
                throw HookdError.invalidArgument("give either account, type and data, or events, not both")
            }
            guard !batch.isEmpty, batch.count <= Self.maximumBatchSize else {
                throw HookdError.invalidField("events", "a batch holds 1 to \(Self.maximumBatchSize) events")
            }
            inputs = batch.enumerated().map { ("events[\($0.offset)].", $0.element) }
            isBatch = true
        } else {
            var missing = ViolationList()
            if params.account == nil { missing.add("account", "is required") }
            if params.type == nil { missing.add("type", "is required") }
            if params.data == nil { missing.add("data", "is required (a JSON object)") }
            try missing.check("invalid event")
            inputs = [("", EventInput(account: params.account!, type: params.type!, data: params.data!, id: params.id))]
            isBatch = false
        }

        var problems = ViolationList()
        var accounts: [String: Account?] = [:]
        var catalog: [String: EventType?] = [:]
        var seenIds: Set<String> = []
        var events: [Event] = []
        for (prefix, input) in inputs {
            if accounts[input.account] == nil {
                accounts[input.account] = .some(try await services.store.account(named: input.account))
            }
            let account = accounts[input.account] ?? nil
            if account == nil {
                problems.add(prefix + "account", "unknown account \"\(input.account)\"")
            }
            if catalog[input.type] == nil {
                catalog[input.type] = .some(try await services.store.eventType(named: input.type))
            }
            let eventType = catalog[input.type] ?? nil
            if eventType == nil {
                problems.add(prefix + "type", "unknown event type \"\(input.type)\"")
            } else if let account, !account.plan.allows(eventType: input.type) {
                problems.add(prefix + "type", "the plan of account \(input.account) does not allow \"\(input.type)\"")
            }
            if input.data.objectValue == nil {
                problems.add(prefix + "data", "must be a JSON object, got \(input.data.typeName)")
            } else if let size = try? input.data.canonicalData().count, size > services.configuration.maximumPayloadBytes {
                problems.add(
                    prefix + "data", "is \(size) bytes; the limit is \(services.configuration.maximumPayloadBytes) bytes")
            } else if let eventType {
                problems.add(try services.schemas.dataViolations(input.data, of: eventType, field: prefix + "data"))
            }
            if let id = input.id {
                if let problem = Event.idProblem(id) {
                    problems.add(prefix + "id", problem)
                } else if !seenIds.insert(id).inserted {
                    problems.add(prefix + "id", "\"\(id)\" appears twice in this batch")
                }
            }
            events.append(
                Event(
                    id: input.id ?? Identifier.make(.event, at: now), account: input.account, type: input.type,
                    timestamp: now, data: input.data))
        }
        try problems.check(isBatch ? "invalid batch, nothing was published" : "invalid event")
        self.events = events
    }
}

/// The answer of `Events.Publish`: one event's outcome, or a batch's.
enum PublishResult: Encodable, Sendable {
    case single(PublishedEvent)
    case batch(PublishBatchResult)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .single(let published): try published.encode(to: encoder)
        case .batch(let batch): try batch.encode(to: encoder)
        }
    }
}
