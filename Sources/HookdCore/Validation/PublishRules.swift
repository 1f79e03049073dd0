import Foundation

/// What a published event must satisfy, checked before anything is stored: a known account
/// whose plan allows the event type, a known event type, data that is a JSON object within
/// the size limit and valid against the type's schema, and an acceptable id, unique within
/// its batch. Every problem of every event is reported at once; a batch with any bad event
/// is refused whole.
public struct PublishRules: Sendable {
    /// Most events in one batch.
    public static let maximumBatchSize = 1000

    /// The accounts and event types as committed.
    let catalog: Catalog
    /// Largest canonical JSON of `data`, in bytes.
    let maximumPayloadBytes: Int
    /// The schema violations of data for an event type, as violations of the given field;
    /// throws when the type's schema cannot be used.
    let dataViolations: @Sendable (JSONValue, EventType, String) throws -> [Violation]

    public init(
        catalog: Catalog, maximumPayloadBytes: Int,
        dataViolations: @escaping @Sendable (JSONValue, EventType, String) throws -> [Violation]
    ) {
        self.catalog = catalog
        self.maximumPayloadBytes = maximumPayloadBytes
        self.dataViolations = dataViolations
    }

    /// The events `drafts` become, stamped `now`; throws `INVALID_ARGUMENT` with `summary`
    /// and every violation when any draft breaks a rule.
    public func events(from drafts: [EventDraft], now: Date, summary: String) throws -> [Event] {
        var problems = ViolationList()
        var seenIds: Set<String> = []
        var events: [Event] = []
        events.reserveCapacity(drafts.count)
        for draft in drafts {
            let prefix = draft.field
            let account = catalog.accounts[draft.account]
            if account == nil {
                problems.add(
                    prefix + "account",
                    "unknown account \"\(draft.account)\"" + NameSuggestion.hint(for: draft.account, among: catalog.accounts.keys))
            }
            let eventType = catalog.eventTypes[draft.type]
            if eventType == nil {
                problems.add(
                    prefix + "type",
                    "unknown event type \"\(draft.type)\"" + NameSuggestion.hint(for: draft.type, among: catalog.eventTypes.keys))
            } else if let account, !account.plan.allows(eventType: draft.type) {
                problems.add(prefix + "type", "the plan of account \(draft.account) does not allow \"\(draft.type)\"")
            }
            // Written once here, to measure it, and kept on the event for the store.
            var dataJSON: Data?
            if draft.data.objectValue == nil {
                problems.add(prefix + "data", "must be a JSON object, got \(draft.data.typeName)")
            } else {
                dataJSON = try? draft.data.canonicalData()
                if let size = dataJSON?.count, size > maximumPayloadBytes {
                    problems.add(prefix + "data", "is \(size) bytes; the limit is \(maximumPayloadBytes) bytes")
                } else if let eventType {
                    problems.add(try dataViolations(draft.data, eventType, prefix + "data"))
                }
            }
            if let id = draft.id {
                if let problem = Event.idProblem(id) {
                    problems.add(prefix + "id", problem)
                } else if !seenIds.insert(id).inserted {
                    problems.add(prefix + "id", "\"\(id)\" appears twice in this batch")
                }
            }
            for problem in TraceContext.problems(traceparent: draft.traceparent, tracestate: draft.tracestate) {
                problems.add(prefix + problem.field, problem.description)
            }
            var event = Event(
                id: draft.id ?? Identifier.make(.event, at: now), account: draft.account, type: draft.type,
                timestamp: now, data: draft.data, traceparent: draft.traceparent, tracestate: draft.tracestate)
            event.writtenData = dataJSON
            events.append(event)
        }
        try problems.check(summary)
        return events
    }
}
