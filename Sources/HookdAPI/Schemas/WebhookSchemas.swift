import HookdCore

/// The members `Webhooks.Create` and `Webhooks.Update` share, each optional.
private let webhookSettings: KeyValuePairs<String, JSONValue> = [
    "secret": APISchema.string("`whsec_<base64>`."),
    "retry": APISchema.array(APISchema.string(), "Delays after the first attempt, e.g. `[\"1m\", \"5m\"]`."),
    "timeout": APISchema.string("Per attempt, e.g. `10s`."),
    "rateLimit": APISchema.reference(RateLimit.self),
    "ordering": APISchema.oneOf(["unordered", "fifo"]),
    "headers": APISchema.map(APISchema.string(), "Sent with every delivery."),
    "signature": APISchema.reference(WebhookSignatureSettings.self),
    "filter": APISchema.anyValue("A payload filter on `data`; `{}` for none."),
    "description": APISchema.string(),
    "labels": APISchema.map(APISchema.string()),
]

extension WebhookRefParams: APISchemaDescribed {
    /// `{webhook}`.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Names one webhook.", required: ["webhook": APISchema.string("`NAME` when unique, else `ACCOUNT/NAME`.")])
    }
}

extension WebhookListParams: APISchemaDescribed {
    /// `Webhooks.List` params.
    public static var apiSchema: JSONValue {
        APISchema.object("Which webhooks.", optional: ["account": APISchema.string("Only this account's.")])
    }
}

extension WebhookCreateParams: APISchemaDescribed {
    /// `Webhooks.Create` params.
    public static var apiSchema: JSONValue {
        var schema = APISchema.object(
            "A new webhook.",
            required: [
                "account": APISchema.string(), "name": APISchema.string(), "url": APISchema.string(),
                "events": APISchema.array(APISchema.string(), "Event-type patterns: names, `family.*` or `*`."),
            ],
            optional: ["enabled": APISchema.boolean("Default true.")])
        schema.addProperties(webhookSettings)
        return schema
    }
}

extension WebhookUpdateParams: APISchemaDescribed {
    /// `Webhooks.Update` params.
    public static var apiSchema: JSONValue {
        var schema = APISchema.object(
            "The fields to change; omitted ones are kept.", required: ["webhook": APISchema.string()],
            optional: ["url": APISchema.string(), "events": APISchema.array(APISchema.string())])
        schema.addProperties(webhookSettings)
        return schema
    }
}

extension WebhookDisableParams: APISchemaDescribed {
    /// `Webhooks.Disable` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The webhook to disable.", required: ["webhook": APISchema.string()],
            optional: ["reason": APISchema.string("Kept as the disabled reason.")])
    }
}

extension WebhookTestParams: APISchemaDescribed {
    /// `Webhooks.Test` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The webhook to test.", required: ["webhook": APISchema.string()],
            optional: ["eventType": APISchema.string("Send this type's example; omitted: `hookd.ping`.")])
    }
}

extension WebhookTestResult: APISchemaDescribed {
    /// `Webhooks.Test`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The test event and its delivery.",
            required: ["event": APISchema.reference(Event.self), "delivery": APISchema.reference(Delivery.self)])
    }
}

extension WebhookSecretResult: APISchemaDescribed {
    /// `Webhooks.GetSecret`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A webhook's signing secret.",
            required: ["webhook": APISchema.string("`ACCOUNT/NAME`."), "secret": APISchema.string("`whsec_<base64>`.")])
    }
}

extension WebhookView: APISchemaDescribed {
    /// A webhook as the API shows it.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A webhook; its secret only as a fingerprint.",
            required: [
                "id": APISchema.string(), "account": APISchema.string(), "name": APISchema.string(),
                "url": APISchema.string(), "enabled": APISchema.boolean(),
                "status": APISchema.oneOf(["enabled", "disabled"]), "events": APISchema.array(APISchema.string()),
                "retry": APISchema.array(APISchema.string()), "timeout": APISchema.string(),
                "headers": APISchema.map(APISchema.string()), "labels": APISchema.map(APISchema.string()),
                "managed": APISchema.boolean(), "secretFingerprint": APISchema.string("`sha256:...`"),
                "createdAt": APISchema.dateTime(), "updatedAt": APISchema.dateTime(),
            ],
            optional: [
                "disabledReason": APISchema.string(), "rateLimit": APISchema.reference(RateLimit.self),
                "ordering": APISchema.oneOf(["unordered", "fifo"]),
                "signature": APISchema.reference(WebhookSignatureSettings.self),
                "filter": APISchema.anyValue("The payload filter."),
                "filteredEvents": APISchema.integer("Events the filter kept out (`Webhooks.Get`).", minimum: 0),
                "description": APISchema.string(), "previousSecretFingerprint": APISchema.string(),
                "previousSecretExpiresAt": APISchema.dateTime(),
                "lastDelivery": APISchema.reference(Delivery.self),
            ])
    }
}

extension WebhookTestFilterParams: APISchemaDescribed {
    /// `Webhooks.TestFilter` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A webhook and an event's data.",
            required: ["webhook": APISchema.string(), "data": APISchema.anyValue("The event's `data`.")])
    }
}

extension WebhookTestFilterResult: APISchemaDescribed {
    /// `Webhooks.TestFilter`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Whether the event would be sent, and why.",
            required: ["webhook": APISchema.string(), "matches": APISchema.boolean(), "reason": APISchema.string()])
    }
}

extension WebhookRecoverParams: APISchemaDescribed {
    /// `Webhooks.Recover` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A webhook and a time window.",
            required: ["webhook": APISchema.string(), "since": APISchema.string("A duration back (`2h`) or ISO 8601.")],
            optional: ["until": APISchema.string("Default now."), "dryRun": APISchema.boolean()])
    }
}

extension WebhookRecoverResult: APISchemaDescribed {
    /// `Webhooks.Recover`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What was found and (unless a dry run) queued, oldest first.",
            required: [
                "webhook": APISchema.string(), "since": APISchema.dateTime(), "until": APISchema.dateTime(),
                "failed": APISchema.integer(minimum: 0), "skipped": APISchema.integer(minimum: 0),
                "dryRun": APISchema.boolean(), "deliveries": APISchema.array(APISchema.string()),
            ])
    }
}

extension WebhookRotateSecretParams: APISchemaDescribed {
    /// `Webhooks.RotateSecret` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The webhook and its new secret.", required: ["webhook": APISchema.string()],
            optional: [
                "grace": APISchema.string("How long the old secret signs too; default `24h`."),
                "secret": APISchema.string("Generated when omitted."),
            ])
    }
}

extension RateLimit: APISchemaDescribed {
    /// `{perSecond}`.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A cap on how fast a webhook is sent to.",
            required: ["perSecond": APISchema.integer("Requests per second at most; 0 removes the limit.", minimum: 0)])
    }
}

extension WebhookSignatureSettings: APISchemaDescribed {
    /// How deliveries are signed.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "How deliveries are signed; omitted members take the scheme's defaults.",
            optional: [
                "scheme": APISchema.oneOf(["standard-webhooks", "hmac-sha256"]), "header": APISchema.string(),
                "encoding": APISchema.oneOf(["hex", "base64"]), "prefix": APISchema.string(),
                "standardHeaders": APISchema.boolean(),
            ])
    }
}
