import HookdCore

extension EventInput: APISchemaDescribed {
    /// One event of a batch.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One event as a producer publishes it.",
            required: [
                "account": APISchema.string(), "type": APISchema.string("e.g. `customer.created`."),
                "data": APISchema.jsonObject("The payload; checked against the type's schema."),
            ],
            optional: [
                "id": APISchema.string("The producer's id; hookd makes one (`evt_...`) when omitted."),
                "traceparent": APISchema.string(traceparentDoc), "tracestate": APISchema.string(tracestateDoc),
            ])
    }

    /// What `traceparent` is, in params and events alike.
    static let traceparentDoc =
        "W3C Trace Context `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`), sent as that header to every receiver."
    /// What `tracestate` is.
    static let tracestateDoc = "W3C Trace Context `tracestate` (needs `traceparent`), sent beside it."
}

extension EventPublishParams: APISchemaDescribed {
    /// One event, or a batch.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One event (`account`, `type`, `data`, `id`) or a batch (`events`), never both.",
            optional: [
                "account": APISchema.string(), "type": APISchema.string(),
                "data": APISchema.jsonObject("The payload; checked against the type's schema."),
                "id": APISchema.string("The producer's id; hookd makes one when omitted."),
                "traceparent": APISchema.string(EventInput.traceparentDoc),
                "tracestate": APISchema.string(EventInput.tracestateDoc),
                "events": APISchema.array(APISchema.reference(EventInput.self), "A batch of 1 to 1000, all or nothing."),
            ])
    }
}

extension PublishedEvent: APISchemaDescribed {
    /// One event's outcome.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What publishing one event did.",
            required: [
                "event": APISchema.reference(Event.self),
                "deliveries": APISchema.integer("Deliveries created (0 for a duplicate).", minimum: 0),
                "duplicate": APISchema.boolean("An event with this id existed; nothing was delivered again."),
            ])
    }
}

extension PublishBatchResult: APISchemaDescribed {
    /// A batch's outcomes.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What publishing a batch did, event by event in order.",
            required: ["events": APISchema.array(APISchema.reference(PublishedEvent.self))])
    }
}

extension PublishResult: APISchemaDescribed {
    /// Either shape.
    public static var apiSchema: JSONValue {
        [
            "description": "One event's outcome, or a batch's.",
            "oneOf": [APISchema.reference(PublishedEvent.self), APISchema.reference(PublishBatchResult.self)],
        ]
    }
}

extension Event: APISchemaDescribed {
    /// A stored event.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Something that happened on the platform, as published.",
            required: [
                "id": APISchema.string("Sent as `webhook-id`."), "account": APISchema.string(),
                "type": APISchema.string(), "timestamp": APISchema.dateTime("When hookd accepted it."),
                "data": APISchema.jsonObject(),
            ],
            optional: [
                "traceparent": APISchema.string(EventInput.traceparentDoc),
                "tracestate": APISchema.string(EventInput.tracestateDoc),
            ])
    }
}

extension EventDetail: APISchemaDescribed {
    /// `Events.Get`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An event and where it went.",
            required: [
                "event": APISchema.reference(Event.self),
                "deliveries": APISchema.array(APISchema.reference(Delivery.self)),
            ])
    }
}

extension EventListParams: APISchemaDescribed {
    /// `Events.List` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Which events, newest first.",
            optional: [
                "account": APISchema.string(), "type": APISchema.string(),
                "limit": APISchema.integer("1 to 1000; default 50.", minimum: 1),
            ])
    }
}
