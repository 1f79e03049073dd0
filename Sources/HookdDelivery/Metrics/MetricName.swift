/// The names of the metrics hookd reports (Prometheus conventions: `hookd_` prefix, `_total`
/// for counters, base units in the name), with the help text `/metrics` shows for each.
public enum MetricName {
    /// Events stored by `Events.Publish` (duplicates of a stored id not counted).
    public static let eventsPublished = "hookd_events_published_total"
    /// Attempts ended, by `outcome` (`success`, `failure`) and `error_class`.
    public static let attempts = "hookd_delivery_attempts_total"
    /// Deliveries that reached an end, by `status` (`delivered`, `failed`, `skipped`).
    public static let deliveriesEnded = "hookd_deliveries_ended_total"
    /// How long attempts took, from sending the request to the end of the response.
    public static let attemptDuration = "hookd_delivery_attempt_duration_seconds"
    /// How long group commits of publishes and attempt ends took.
    public static let commitDuration = "hookd_store_commit_duration_seconds"
    /// Webhooks disabled automatically (failing too long, or `410 Gone`).
    public static let webhooksAutoDisabled = "hookd_webhooks_auto_disabled_total"
    /// Deliveries awaiting an attempt, by `state`: `due` now or `scheduled` later.
    public static let queued = "hookd_deliveries_queued"
    /// Deliveries waiting for a retry (they have failed at least once).
    public static let retriesWaiting = "hookd_retries_waiting"
    /// Attempts under way.
    public static let inFlight = "hookd_attempts_in_flight"
    /// Webhooks currently disabled.
    public static let webhooksDisabled = "hookd_webhooks_disabled"

    /// Every metric with its help text, for the `# HELP` lines of `/metrics`.
    public static let help: [String: String] = [
        eventsPublished: "Events stored by Events.Publish (a duplicate of a stored id is not counted).",
        attempts: "Delivery attempts ended, by outcome (success, failure) and error class.",
        deliveriesEnded: "Deliveries that reached an end, by status (delivered, failed, skipped).",
        attemptDuration: "Time from sending a delivery attempt's request to the end of its response or failure.",
        commitDuration: "Time one group commit of publishes and attempt results took in the store.",
        webhooksAutoDisabled: "Webhooks disabled automatically (failing too long, or 410 Gone).",
        queued: "Deliveries awaiting an attempt, by state: due now, or scheduled for later.",
        retriesWaiting: "Deliveries waiting for a retry after a failed attempt.",
        inFlight: "Delivery attempts under way.",
        webhooksDisabled: "Webhooks currently disabled.",
    ]
}
