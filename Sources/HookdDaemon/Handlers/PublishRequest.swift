import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Events.Publish` params as events: the params' shape (one event, or a batch of 1 to
/// `PublishRules.maximumBatchSize`) is checked here, the events themselves by
/// `PublishRules` against the committed catalog.
struct PublishRequest {
    /// The events to store, in the order given.
    let events: [Event]
    /// True when the params were a batch (`events`), so the answer is a batch too.
    let isBatch: Bool

    init(_ params: EventPublishParams, services: DaemonServices, now: Date) async throws {
        let single =
            params.account != nil || params.type != nil || params.data != nil || params.id != nil
            || params.traceparent != nil || params.tracestate != nil
        let drafts: [EventDraft]
        if let batch = params.events {
            guard !single else {
                throw HookdError.invalidArgument("give either account, type and data, or events, not both")
            }
            guard !batch.isEmpty, batch.count <= PublishRules.maximumBatchSize else {
                throw HookdError.invalidField("events", "a batch holds 1 to \(PublishRules.maximumBatchSize) events")
            }
            drafts = batch.enumerated().map { index, input in
                EventDraft(
                    account: input.account, type: input.type, data: input.data, id: input.id, field: "events[\(index)].",
                    traceparent: input.traceparent, tracestate: input.tracestate)
            }
            isBatch = true
        } else {
            var missing = ViolationList()
            if params.account == nil { missing.add("account", "is required") }
            if params.type == nil { missing.add("type", "is required") }
            if params.data == nil { missing.add("data", "is required (a JSON object)") }
            try missing.check("invalid event")
            drafts = [
                EventDraft(
                    account: params.account!, type: params.type!, data: params.data!, id: params.id,
                    traceparent: params.traceparent, tracestate: params.tracestate)
            ]
            isBatch = false
        }
        // Accounts and event types from memory: no database read per call.
        let schemas = services.schemas
        let rules = PublishRules(
            catalog: try await services.store.catalog(),
            maximumPayloadBytes: services.configuration.maximumPayloadBytes,
            dataViolations: { data, eventType, field in try schemas.dataViolations(data, of: eventType, field: field) })
        events = try rules.events(
            from: drafts, now: now, summary: isBatch ? "invalid batch, nothing was published" : "invalid event")
    }
}
