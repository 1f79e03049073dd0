import HookdCore

extension APIMethod where Params == EmptyParams, Result == [EventType] {
    /// `EventTypes.List`.
    public static var eventTypesList: Self {
        Self("EventTypes.List", role: .reader, summary: "The event catalog, hookd's own types included.")
    }
}

extension APIMethod where Params == NameParams, Result == EventType {
    /// `EventTypes.Get`.
    public static var eventTypesGet: Self {
        Self("EventTypes.Get", role: .reader, summary: "One event type with its data schema and example.", errors: [.notFound])
    }
}

extension APIMethod where Params == EventTypeCreateParams, Result == EventType {
    /// `EventTypes.Create`.
    public static var eventTypesCreate: Self {
        Self(
            "EventTypes.Create", role: .admin, summary: "Adds an event type to the catalog.",
            details: "A schema must compile (JSON Schema 2020-12, the keywords hookd enforces) and an example match it.", errors: [.alreadyExists])
    }
}

extension APIMethod where Params == EventTypeUpdateParams, Result == EventType {
    /// `EventTypes.Update`.
    public static var eventTypesUpdate: Self {
        Self(
            "EventTypes.Update", role: .admin, summary: "Changes the given fields of an event type, keeping the others.",
            details: "A new schema takes effect at once for every later publish.", errors: [.notFound, .failedPrecondition])
    }
}
