import HookdCore

extension DeliveryListParams: APISchemaDescribed {
    /// `Deliveries.List` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Which deliveries, newest first.",
            optional: [
                "webhook": APISchema.string("`NAME` or `ACCOUNT/NAME`."),
                "status": APISchema.oneOf(DeliveryStatus.allCases.map(\.rawValue)),
                "event": APISchema.string("Only this event's."),
                "limit": APISchema.integer("1 to 1000; default 50.", minimum: 1),
            ])
    }
}

extension DeliveryDetail: APISchemaDescribed {
    /// `Deliveries.Get`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A delivery with its attempts, first to last.",
            required: [
                "delivery": APISchema.reference(Delivery.self),
                "attempts": APISchema.array(APISchema.reference(Attempt.self)),
            ])
    }
}

extension Delivery: APISchemaDescribed {
    /// One event's delivery to one webhook.
    public static var apiSchema: JSONValue {
        let trigger = APISchema.oneOf(["scheduled", "manual", "recover"])
        return APISchema.object(
            "One event on its way to one webhook.",
            required: [
                "id": APISchema.string("`dlv_...`"), "eventId": APISchema.string(), "eventType": APISchema.string(),
                "account": APISchema.string(), "webhookId": APISchema.string(), "webhookName": APISchema.string(),
                "status": APISchema.oneOf(DeliveryStatus.allCases.map(\.rawValue)),
                "attempts": APISchema.integer("Attempts made so far.", minimum: 0),
                "nextTrigger": trigger, "createdAt": APISchema.dateTime(), "updatedAt": APISchema.dateTime(),
            ],
            optional: [
                "nextAttemptAt": APISchema.dateTime(), "lastAttemptAt": APISchema.dateTime(),
                "lastStatusCode": APISchema.integer(), "lastError": APISchema.string(),
            ])
    }
}

extension Attempt: APISchemaDescribed {
    /// One HTTP attempt.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One attempt of a delivery: its response or why it failed.",
            required: [
                "deliveryId": APISchema.string(), "number": APISchema.integer(minimum: 1),
                "startedAt": APISchema.dateTime(), "durationMs": APISchema.integer(minimum: 0),
                "trigger": APISchema.oneOf(["scheduled", "manual", "recover"]),
            ],
            optional: [
                "statusCode": APISchema.integer(),
                "errorClass": APISchema.oneOf(AttemptErrorClass.allCases.map(\.rawValue)),
                "error": APISchema.string(), "responseBody": APISchema.string("The first 4 KiB."),
                "responseHeaders": APISchema.map(APISchema.string()), "nextAttemptAt": APISchema.dateTime(),
                "resolvedAddress": APISchema.string("The address connected to."),
            ])
    }
}
