import HookdCore

extension DeliveryWatchParams: APISchemaDescribed {
    /// `Deliveries.Watch` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Which deliveries to follow; none: all.",
            optional: [
                "account": APISchema.string(), "webhook": APISchema.string("`NAME` or `ACCOUNT/NAME`."),
                "eventType": APISchema.string("A name, `family.*` or `*`."),
                "status": APISchema.oneOf(DeliveryStatus.allCases.map(\.rawValue)),
                "snapshot": APISchema.integer("Recent deliveries in the answer: 0 to 1000, default 20.", minimum: 0),
                "after": APISchema.integer("Resume after this cursor: the changes since come first."),
            ])
    }
}

extension DeliveryWatchStarted: APISchemaDescribed {
    /// `Deliveries.Watch`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The watch, and the most recent matching deliveries, newest first.",
            required: [
                "watch": APISchema.string("Names the watch in its notifications and in Watch.Cancel."),
                "cursor": APISchema.integer("The feed's position when the watch began.", minimum: 0),
                "deliveries": APISchema.array(APISchema.reference(Delivery.self)),
            ])
    }
}

extension DeliveryWatchNotice: APISchemaDescribed {
    /// `Watch.Delivery` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One delivery changed.",
            required: [
                "watch": APISchema.string(), "cursor": APISchema.integer(minimum: 1),
                "change": APISchema.oneOf(Change.allCases.map(\.rawValue)),
                "delivery": APISchema.reference(Delivery.self),
            ],
            optional: ["attempt": APISchema.reference(Attempt.self)])
    }
}

extension EventWatchParams: APISchemaDescribed {
    /// `Events.Watch` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Which events to follow; none: all.",
            optional: [
                "account": APISchema.string(), "type": APISchema.string("A name, `family.*` or `*`."),
                "snapshot": APISchema.integer("Recent events in the answer: 0 to 1000, default 20.", minimum: 0),
                "after": APISchema.integer("Resume after this cursor: the events since come first."),
            ])
    }
}

extension EventWatchStarted: APISchemaDescribed {
    /// `Events.Watch`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The watch, and the most recent matching events, newest first.",
            required: [
                "watch": APISchema.string(), "cursor": APISchema.integer(minimum: 0),
                "events": APISchema.array(APISchema.reference(Event.self)),
            ])
    }
}

extension EventWatchNotice: APISchemaDescribed {
    /// `Watch.Event` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An event was published.",
            required: [
                "watch": APISchema.string(), "cursor": APISchema.integer(minimum: 1),
                "event": APISchema.reference(Event.self), "deliveries": APISchema.integer(minimum: 0),
            ])
    }
}

extension WatchEndNotice: APISchemaDescribed {
    /// `Watch.End` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The daemon ended a watch.",
            required: [
                "watch": APISchema.string(), "reason": APISchema.oneOf(["hookd.WatchOverflow"]),
                "message": APISchema.string(),
            ])
    }
}

extension WatchCancelParams: APISchemaDescribed {
    /// `Watch.Cancel` params.
    public static var apiSchema: JSONValue {
        APISchema.object("The watch to stop.", required: ["watch": APISchema.string()])
    }
}

extension WatchCancelResult: APISchemaDescribed {
    /// `Watch.Cancel`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Whether a watch was stopped.",
            required: ["watch": APISchema.string(), "cancelled": APISchema.boolean("False when none ran by that id.")])
    }
}
