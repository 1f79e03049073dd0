import HookdCore

extension APIMethod where Params == WebhookListParams, Result == [WebhookView] {
    /// `Webhooks.List`.
    public static var webhooksList: Self {
        Self("Webhooks.List", role: .reader, summary: "Every webhook, or an account's; secrets only as fingerprints.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookRefParams, Result == WebhookView {
    /// `Webhooks.Get`.
    public static var webhooksGet: Self {
        Self(
            "Webhooks.Get", role: .reader, summary: "One webhook with its newest delivery and filter count.",
            details: "`webhook` is `NAME` (unique across accounts) or `ACCOUNT/NAME`.", errors: [.notFound])
    }

    /// `Webhooks.Enable`.
    public static var webhooksEnable: Self {
        Self(
            "Webhooks.Enable", role: .operator, summary: "Enables a webhook: later events are delivered to it again.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookCreateParams, Result == WebhookView {
    /// `Webhooks.Create`.
    public static var webhooksCreate: Self {
        Self(
            "Webhooks.Create", role: .admin, summary: "Creates a webhook of an account, made by hand.",
            details: "Every field is checked at once and every problem reported; a secret is generated when omitted.", errors: [.notFound, .alreadyExists, .failedPrecondition])
    }
}

extension APIMethod where Params == WebhookUpdateParams, Result == WebhookView {
    /// `Webhooks.Update`.
    public static var webhooksUpdate: Self {
        Self("Webhooks.Update", role: .admin, summary: "Changes the given fields of a webhook, keeping the others.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookRefParams, Result == DeletedResult {
    /// `Webhooks.Delete`.
    public static var webhooksDelete: Self {
        Self("Webhooks.Delete", role: .admin, summary: "Deletes a webhook and its deliveries.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookDisableParams, Result == WebhookView {
    /// `Webhooks.Disable`.
    public static var webhooksDisable: Self {
        Self(
            "Webhooks.Disable", role: .operator, summary: "Disables a webhook, keeping the reason.",
            details: "Its share of later events is kept as `skipped` deliveries, which `Webhooks.Recover` re-sends.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookTestParams, Result == WebhookTestResult {
    /// `Webhooks.Test`.
    public static var webhooksTest: Self {
        Self(
            "Webhooks.Test", role: .operator, summary: "Sends one test event to one webhook.",
            details: "A `hookd.ping`, or an event type's example when `eventType` is given (it must match the schema).", errors: [.notFound, .failedPrecondition])
    }
}

extension APIMethod where Params == WebhookRefParams, Result == WebhookSecretResult {
    /// `Webhooks.GetSecret`.
    public static var webhooksGetSecret: Self {
        Self("Webhooks.GetSecret", role: .admin, summary: "A webhook's signing secret, in full.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookRecoverParams, Result == WebhookRecoverResult {
    /// `Webhooks.Recover`.
    public static var webhooksRecover: Self {
        Self(
            "Webhooks.Recover", role: .operator,
            summary: "Re-sends a webhook's failed and skipped deliveries of a time window, oldest first.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookRotateSecretParams, Result == WebhookView {
    /// `Webhooks.RotateSecret`.
    public static var webhooksRotateSecret: Self {
        Self(
            "Webhooks.RotateSecret", role: .admin,
            summary: "Gives a webhook a new secret; the old one keeps signing too during the grace.", errors: [.notFound])
    }
}

extension APIMethod where Params == WebhookTestFilterParams, Result == WebhookTestFilterResult {
    /// `Webhooks.TestFilter`.
    public static var webhooksTestFilter: Self {
        Self(
            "Webhooks.TestFilter", role: .operator,
            summary: "Whether a webhook's filter would let an event with this data through, and why.", errors: [.notFound])
    }
}
