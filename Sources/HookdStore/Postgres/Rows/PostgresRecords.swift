import Foundation
internal import PostgresNIO

/// The SQLite store's records read from PostgreSQL rows of the same columns, so both stores
/// turn rows into domain values (and back) the same way.
extension AccountRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            name: try row.get("name"), planMaxWebhooks: try row.get("plan_max_webhooks"),
            planEventTypes: try row.get("plan_event_types"), managed: try row.get("managed"),
            created: try row.get("created"))
    }
}

extension EventTypeRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            name: try row.get("name"), description: try row.get("description"), schema: try row.get("schema"),
            example: try row.get("example"), managed: try row.get("managed"), created: try row.get("created"))
    }
}

extension WebhookRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"), account: try row.get("account"), name: try row.get("name"),
            url: try row.get("url"), enabled: try row.get("enabled"), disabledReason: try row.get("disabled_reason"),
            events: try row.get("events"), secret: try row.get("secret"),
            previousSecret: try row.get("previous_secret"),
            previousSecretExpires: try row.get("previous_secret_expires"), retry: try row.get("retry"),
            timeoutMs: try row.get("timeout_ms"), rateLimitPerSecond: try row.get("rate_limit_per_second"),
            ordering: try row.get("ordering"), headers: try row.get("headers"), signature: try row.get("signature"),
            filter: try row.get("filter"), description: try row.get("description"), labels: try row.get("labels"),
            managed: try row.get("managed"), created: try row.get("created"), updated: try row.get("updated"))
    }
}

extension EventRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"), sequence: try row.get("sequence"), account: try row.get("account"),
            type: try row.get("type"), timestamp: try row.get("timestamp"), data: try row.get("data"),
            body: try row.get("body"), traceparent: try row.get("traceparent"),
            tracestate: try row.get("tracestate"))
    }
}

extension DeliveryRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"), eventId: try row.get("event_id"), eventType: try row.get("event_type"),
            account: try row.get("account"), webhookId: try row.get("webhook_id"),
            webhookName: try row.get("webhook_name"), status: try row.get("status"),
            attempts: try row.get("attempts"), nextAttemptAt: try row.get("next_attempt_at"),
            lastAttemptAt: try row.get("last_attempt_at"), lastStatusCode: try row.get("last_status_code"),
            lastError: try row.get("last_error"), nextTrigger: try row.get("next_trigger"),
            linePosition: try row.get("line_position"), leaseOwner: try row.get("lease_owner"),
            fifo: try row.get("fifo"), created: try row.get("created"), updated: try row.get("updated"))
    }

    /// Appends the columns an attempt changes, `status` to `next_trigger` in table order, each
    /// followed by ", " (shared by the delivery insert and the attempt ends' update).
    func appendAttemptState(to sql: inout PostgresQuery.StringInterpolation) throws {
        try sql.appendValue(status)
        try sql.appendValue(attempts)
        try sql.appendValue(nextAttemptAt)
        try sql.appendValue(lastAttemptAt)
        try sql.appendValue(lastStatusCode)
        try sql.appendValue(lastError)
        try sql.appendValue(nextTrigger)
    }
}

extension AttemptRecord {
    init(row: PostgresRandomAccessRow) throws {
        self.init(
            deliveryId: try row.get("delivery_id"), number: try row.get("number"),
            startedAt: try row.get("started_at"), durationMs: try row.get("duration_ms"),
            statusCode: try row.get("status_code"), errorClass: try row.get("error_class"),
            error: try row.get("error"), responseBody: try row.get("response_body"), trigger: try row.get("trigger"),
            responseHeaders: try row.get("response_headers"), nextAttemptAt: try row.get("next_attempt_at"),
            resolvedAddress: try row.get("resolved_address"))
    }
}
