import HookdCore
import HookdSchema
import Synchronization

/// Event types' compiled JSON Schemas, so publishing compiles a schema once rather than on
/// every event.
///
/// Entries are keyed by event type name and remember the schema they were compiled from: an
/// entry is used only while the event type's current schema equals it, so a schema changed
/// by `EventTypes.Update` or an apply is recompiled on its next use, whichever daemon
/// changed it.
final class SchemaCache: Sendable {
    private struct Entry: Sendable {
        var source: JSONValue
        var compiled: Result<JSONSchema, JSONSchemaError>
    }

    /// Guards the entries: publish handlers run concurrently on many connections.
    private let entries = Mutex<[String: Entry]>([:])

    init() {}

    /// The compiled schema of `eventType`, `nil` when it has none; a failure when the
    /// stored schema does not compile (one stored before hookd checked schemas).
    func schema(of eventType: EventType) -> Result<JSONSchema, JSONSchemaError>? {
        guard let source = eventType.schema else { return nil }
        if let entry = entries.withLock({ $0[eventType.name] }), entry.source == source {
            return entry.compiled
        }
        // Compiled outside the lock; two first uses at once both compile, which is harmless.
        let compiled = Result { () throws(JSONSchemaError) in try JSONSchema(source) }
        entries.withLock { $0[eventType.name] = Entry(source: source, compiled: compiled) }
        return compiled
    }

    /// The schema violations of `data` for `eventType`, as violations of `field`; throws
    /// `FAILED_PRECONDITION` when the event type's stored schema cannot be used, since
    /// accepting data unchecked would break the type's promise.
    func dataViolations(_ data: JSONValue, of eventType: EventType, field: String) throws(HookdError) -> [Violation] {
        switch schema(of: eventType) {
        case nil:
            return []
        case .success(let schema):
            return EventType.dataViolations(data, schema: schema, field: field)
        case .failure(let error):
            throw HookdError(
                .failedPrecondition, reason: "hookd.EventTypeSchemaInvalid",
                "event type \(eventType.name) has a schema hookd cannot use (\(error.description)); "
                    + "fix it with EventTypes.Update (hookctl event-types update \(eventType.name) --schema FILE)")
        }
    }
}
