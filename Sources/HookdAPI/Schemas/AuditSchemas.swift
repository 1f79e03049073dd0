import HookdCore

extension AuditListParams: APISchemaDescribed {
    /// `Audit.List` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Which audit entries, newest first.",
            optional: [
                "since": APISchema.string("How far back, as a duration: `24h`, `7d`."),
                "uid": APISchema.integer("Only this user's calls.", minimum: 0),
                "limit": APISchema.integer("1 to 10000; default 100.", minimum: 1),
            ])
    }
}

extension AuditEntry: APISchemaDescribed {
    /// One audit entry.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A call that changed state or revealed a secret: who, when, what, and how it ended. Never a secret or a payload.",
            required: [
                "time": APISchema.dateTime("When the call ended."), "method": APISchema.string("e.g. `Webhooks.Create`."),
                "outcome": APISchema.string("`ok`, or the error's status and reason."),
            ],
            optional: [
                "uid": APISchema.integer("The caller's user id.", minimum: 0),
                "pid": APISchema.integer("The caller's process id.", minimum: 0),
                "role": APISchema.oneOf(["admin", "operator", "reader"], "The caller's role."),
                "target": APISchema.string("What the call was about, e.g. `acc_1/crm`."),
                "detail": APISchema.string("More about the outcome, e.g. an apply's plan digest and revision."),
            ])
    }
}
