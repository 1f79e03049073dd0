import HookdCore

extension ManifestPlanParams: APISchemaDescribed {
    /// `Manifests.Plan` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A desired state to plan against the live one.",
            required: ["desired": APISchema.reference(DesiredState.self)],
            optional: ["prune": APISchema.boolean("Also delete managed resources `desired` does not name.")])
    }
}

extension ManifestApplyParams: APISchemaDescribed {
    /// `Manifests.Apply` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A desired state to apply.", required: ["desired": APISchema.reference(DesiredState.self)],
            optional: [
                "prune": APISchema.boolean(), "dryRun": APISchema.boolean("Plan only, change nothing."),
                "expectedRevision": APISchema.integer("A saved plan's state revision."),
                "expectedDigest": APISchema.string("A saved plan's digest."),
                "adopt": APISchema.boolean("Take over resources made by hand."),
            ])
    }
}

extension ManifestApplyResult: APISchemaDescribed {
    /// `Manifests.Apply`'s answer.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What the apply did.",
            required: [
                "plan": APISchema.reference(ConfigurationPlan.self), "applied": APISchema.boolean("False for a dry run."),
                "stateRevision": APISchema.integer("The state revision after the apply."),
            ])
    }
}

extension DesiredState: APISchemaDescribed {
    /// Resources as manifests declare them.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Accounts, event types and webhooks as manifests declare them.",
            required: [
                "accounts": APISchema.array(APISchema.reference(AccountSpec.self)),
                "eventTypes": APISchema.array(APISchema.reference(EventTypeSpec.self)),
                "webhooks": APISchema.array(APISchema.reference(WebhookSpec.self)),
            ])
    }
}

extension AccountSpec: APISchemaDescribed {
    /// An `Account` manifest's spec.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An account as declared.", required: ["name": APISchema.string()],
            optional: [
                "maxWebhooks": APISchema.integer(minimum: 0), "eventTypes": APISchema.array(APISchema.string()),
            ])
    }
}

extension EventTypeSpec: APISchemaDescribed {
    /// An `EventType` manifest's spec.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An event type as declared.", required: ["name": APISchema.string()],
            optional: [
                "description": APISchema.string(), "schema": APISchema.anyValue("A JSON Schema for `data`."),
                "example": APISchema.anyValue("An example `data`."),
            ])
    }
}

extension WebhookSpec: APISchemaDescribed {
    /// A `Webhook` manifest's spec.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A webhook as declared.",
            required: [
                "account": APISchema.string(), "name": APISchema.string(), "url": APISchema.string(),
                "events": APISchema.array(APISchema.string()),
            ],
            optional: [
                "enabled": APISchema.boolean(), "secret": APISchema.string(), "timeout": APISchema.string(),
                "retry": APISchema.array(APISchema.string()), "rateLimit": APISchema.integer(minimum: 0),
                "headers": APISchema.map(APISchema.string()), "description": APISchema.string(),
                "labels": APISchema.map(APISchema.string()), "ordering": APISchema.oneOf(["unordered", "fifo"]),
                "signature": APISchema.reference(WebhookSignatureSettings.self),
                "filter": APISchema.anyValue("A payload filter on `data`."),
            ])
    }
}

extension ConfigurationPlan: APISchemaDescribed {
    /// A plan.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What applying a desired state changes.",
            required: [
                "stateRevision": APISchema.integer("The live state's revision it was computed against."),
                "prune": APISchema.boolean(), "changes": APISchema.array(APISchema.reference(ResourceChange.self)),
                "digest": APISchema.string("Identifies the plan, for `expectedDigest`."),
            ])
    }
}

extension ResourceChange: APISchemaDescribed {
    /// One resource's change.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One resource created, updated or deleted.",
            required: [
                "action": APISchema.oneOf(["create", "update", "delete"]),
                "kind": APISchema.oneOf(ConfigurationKind.allCases.map(\.rawValue)), "name": APISchema.string(),
                "fields": APISchema.array(APISchema.reference(FieldChange.self)),
            ],
            optional: [
                "account": APISchema.string(), "drift": APISchema.string("Changed outside the manifests: how."),
                "adopt": APISchema.boolean("Made by hand; the apply takes it over."),
            ])
    }
}

extension FieldChange: APISchemaDescribed {
    /// One field's change.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "One field of a resource changed.", required: ["field": APISchema.string("e.g. `spec.url`.")],
            optional: [
                "old": APISchema.anyValue("The value before."), "new": APISchema.anyValue("The value after."),
                "added": APISchema.array(APISchema.string()), "removed": APISchema.array(APISchema.string()),
                "sensitive": APISchema.boolean("A secret: values left out."),
            ])
    }
}
