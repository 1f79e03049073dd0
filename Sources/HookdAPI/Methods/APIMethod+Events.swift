import HookdCore

extension APIMethod where Params == EventPublishParams, Result == PublishResult {
    /// `Events.Publish`.
    public static var eventsPublish: Self {
        Self(
            "Events.Publish", role: .operator, kind: .pipelined,
            summary: "Publishes one event (`account`, `type`, `data`, `id`) or a batch (`events`), all or nothing.",
            details: "Answered once the events and their deliveries are on disk: one outcome for one event, "
                + "`{events: [...]}` for a batch. An id already stored is a duplicate and delivers nothing again.", errors: [.notFound])
    }
}

extension APIMethod where Params == IdParams, Result == EventDetail {
    /// `Events.Get`.
    public static var eventsGet: Self {
        Self("Events.Get", role: .reader, summary: "One event and the deliveries it made.", errors: [.notFound])
    }
}

extension APIMethod where Params == EventListParams, Result == [Event] {
    /// `Events.List`.
    public static var eventsList: Self {
        Self("Events.List", role: .reader, summary: "Events, newest first, by account and type.")
    }
}
