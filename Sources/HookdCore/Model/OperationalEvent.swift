import Foundation

/// The events hookd publishes about itself, so an operator can subscribe a webhook to them
/// (`hookd.*`) like to any event. They belong to the account of the webhook concerned.
public enum OperationalEvent {
    /// A webhook was disabled (by an operator, a 410 Gone or the auto-disable policy).
    public static let webhookDisabled = "hookd.webhook.disabled"
    /// A delivery failed after every attempt of its schedule.
    public static let deliveryExhausted = "hookd.delivery.exhausted"
    /// A webhook whose deliveries were failing delivered again.
    public static let webhookRecovered = "hookd.webhook.recovered"

    /// The catalog entries hookd keeps for its own events.
    public static let catalog: [(name: String, description: String)] = [
        (webhookDisabled, "A webhook was disabled; data says which and why"),
        (deliveryExhausted, "A delivery failed after all its retries; data names the delivery and the last error"),
        (webhookRecovered, "A webhook whose deliveries were failing delivered again"),
    ]

    /// The prefix reserved for hookd's own event types.
    public static let reservedPrefix = "hookd."

    /// Whether `type` is one of hookd's own event types (`hookd.` prefix).
    public static func isOperational(_ type: String) -> Bool { type.hasPrefix(reservedPrefix) }

    /// `hookd.webhook.disabled` for `webhook`, disabled for `reason` at `now`.
    public static func disabled(_ webhook: Webhook, reason: String, at now: Date) -> Event {
        event(
            webhookDisabled, account: webhook.account, at: now,
            data: [
                "webhook": .string(webhook.qualifiedName), "webhook_id": .string(webhook.id), "url": .string(webhook.url),
                "reason": .string(reason), "disabled_at": .string(Timestamp.format(now)),
            ])
    }

    /// `hookd.delivery.exhausted` for a delivery that just ended `failed`.
    public static func exhausted(_ delivery: Delivery, at now: Date) -> Event {
        event(
            deliveryExhausted, account: delivery.account, at: now,
            data: [
                "delivery_id": .string(delivery.id), "event_id": .string(delivery.eventId),
                "event_type": .string(delivery.eventType),
                "webhook": .string("\(delivery.account)/\(delivery.webhookName)"),
                "attempts": .int(Int64(delivery.attempts)), "last_error": delivery.lastError.map(JSONValue.string) ?? .null,
                "last_status_code": delivery.lastStatusCode.map { .int(Int64($0)) } ?? .null,
            ])
    }

    /// `hookd.webhook.recovered` for a webhook that delivered after failing since `since`.
    public static func recovered(_ delivery: Delivery, failingSince since: Date?, failures: Int, at now: Date) -> Event {
        event(
            webhookRecovered, account: delivery.account, at: now,
            data: [
                "webhook": .string("\(delivery.account)/\(delivery.webhookName)"), "webhook_id": .string(delivery.webhookId),
                "failing_since": since.map { .string(Timestamp.format($0)) } ?? .null,
                "failed_deliveries": .int(Int64(failures)),
            ])
    }

    private static func event(_ type: String, account: String, at now: Date, data: JSONValue) -> Event {
        Event(id: Identifier.make(.event, at: now), account: account, type: type, timestamp: now, data: data)
    }
}
