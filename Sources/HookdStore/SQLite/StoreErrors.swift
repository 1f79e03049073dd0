import HookdCore

/// The `FAILED_PRECONDITION` errors of the store: requests that are well formed but that
/// the current state does not allow.
extension HookdError {
    /// An account cannot be deleted while it still has webhooks.
    static func accountHasWebhooks(_ account: String, webhooks: [String]) -> HookdError {
        HookdError(
            .failedPrecondition, reason: "hookd.AccountHasWebhooks",
            "account \"\(account)\" still has webhooks (\(webhooks.joined(separator: ", "))); delete them first")
    }

    /// An event type cannot be deleted while webhooks subscribe to it by name.
    static func eventTypeInUse(_ eventType: String, webhooks: [String]) -> HookdError {
        let names = webhooks.joined(separator: ", ")
        return HookdError(
            .failedPrecondition, reason: "hookd.EventTypeInUse",
            "event type \"\(eventType)\" is used by webhooks \(names); remove it from their events first")
    }

    /// The account's plan allows no more webhooks.
    static func planLimitExceeded(account: String, maxWebhooks: Int) -> HookdError {
        HookdError(
            .failedPrecondition, reason: "hookd.PlanLimitExceeded",
            "account \(account) allows at most \(maxWebhooks) webhook\(maxWebhooks == 1 ? "" : "s")")
    }
}
