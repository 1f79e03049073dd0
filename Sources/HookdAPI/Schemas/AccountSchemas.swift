import HookdCore

extension AccountCreateParams: APISchemaDescribed {
    /// `Accounts.Create` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A new account.", required: ["name": APISchema.string("e.g. `acc_12345`.")],
            optional: ["plan": APISchema.reference(PlanParams.self)])
    }
}

extension PlanParams: APISchemaDescribed {
    /// A requested plan.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An account plan as requested; omitted members take the defaults.",
            optional: [
                "maxWebhooks": APISchema.integer("No limit when omitted.", minimum: 0),
                "eventTypes": APISchema.array(APISchema.string(), "Event-type patterns; default `*`."),
            ])
    }
}

extension Account: APISchemaDescribed {
    /// An account.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A customer of the platform that owns webhooks.",
            required: [
                "name": APISchema.string(), "plan": APISchema.reference(AccountPlan.self),
                "managed": APISchema.boolean("Created by `hookctl apply`."), "createdAt": APISchema.dateTime(),
            ])
    }
}

extension AccountPlan: APISchemaDescribed {
    /// An account's plan.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The limits of an account's plan.",
            required: ["eventTypes": APISchema.array(APISchema.string(), "Event-type patterns the account may use.")],
            optional: ["maxWebhooks": APISchema.integer("No limit when absent.", minimum: 0)])
    }
}
