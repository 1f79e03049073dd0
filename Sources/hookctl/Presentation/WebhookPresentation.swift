import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// Webhooks for people: the list shows what the loyalty platform's own webhook list does (URL,
/// status, event count), `get` shows the whole configuration.
enum WebhookPresentation {
    static func table(_ webhooks: [WebhookView], catalog: [String], account: String? = nil) -> String {
        guard !webhooks.isEmpty else { return account.map { "No webhooks in account \($0)." } ?? "No webhooks." }
        var table = Table("NAME", "ACCOUNT", "URL", "STATUS", "EVENT COUNT")
        table.fit(cutting: ["URL": 16], leavingOut: ["EVENT COUNT"])
        for webhook in webhooks {
            table.append([webhook.name, webhook.account, webhook.url, TerminalStyle.status(webhook.status), eventCount(webhook.events, catalog: catalog)])
        }
        return table.render()
    }

    /// How many of the catalog's event types the webhook receives, as the seed's UI counts
    /// them: `19 (all)` for `*` (every platform event type), `3` for `customer.*` when the
    /// catalog has three customer types.
    static func eventCount(_ events: [String], catalog: [String]) -> String {
        let patterns = events.compactMap { try? EventPattern($0) }
        let received = catalog.count { type in patterns.contains { $0.matches(type) } }
        return events.contains("*") ? "\(received) (all)" : String(received)
    }

    static func detail(_ webhook: WebhookView, now: Date = Date()) -> String {
        var list = DetailList()
        list.add("Name", webhook.name)
        list.add("Account", webhook.account)
        list.add("ID", webhook.id)
        list.add("URL", webhook.url)
        list.add("Status", status(webhook))
        list.add("Events", webhook.events.joined(separator: ", "))
        list.add("Retry", retry(webhook.retry))
        list.add("Timeout", webhook.timeout)
        list.add("Rate limit", webhook.rateLimit.map { "\($0.perSecond)/s" } ?? "none")
        list.add("Ordering", ordering(webhook.ordering ?? WebhookOrdering.unordered.rawValue))
        list.add("Headers", pairs(webhook.headers, separator: ": ").joined(separator: "\n"))
        list.add("Signature", signature(webhook.signature))
        list.add("Filter", filter(webhook))
        list.add("Description", webhook.description ?? "-")
        list.add("Labels", pairs(webhook.labels, separator: "=").joined(separator: ", "))
        list.add("Managed", webhook.managed ? "yes (by hookctl apply)" : "no")
        list.add("Secret", "\(webhook.secretFingerprint) (shown by: hookctl webhooks secret \(qualifiedName(webhook)))")
        if let previous = webhook.previousSecretFingerprint, let until = webhook.previousSecretExpiresAt {
            list.add("Old secret", "\(previous), also signing until \(TimeText.full(until, now: now))")
        }
        list.add("Created", TimeText.full(webhook.createdAt, now: now))
        list.add("Updated", TimeText.full(webhook.updatedAt, now: now))
        if let last = webhook.lastDelivery {
            list.add("Last delivery", section: lastDelivery(last, now: now))
        } else {
            list.add("Last delivery", "none yet")
        }
        return list.render()
    }

    /// `enabled`, or `disabled (reason)`.
    static func status(_ webhook: WebhookView) -> String {
        guard !webhook.enabled else { return webhook.status }
        return webhook.disabledReason.map { "\(webhook.status) (\($0))" } ?? webhook.status
    }

    /// `fifo (one at a time, in publish order)` or `unordered`.
    static func ordering(_ ordering: String) -> String {
        ordering == WebhookOrdering.fifo.rawValue ? "fifo (one at a time, in publish order)" : ordering
    }

    /// `hmac-sha256 in X-Webhook-Signature (hex)`, or the Standard Webhooks headers.
    static func signature(_ settings: WebhookSignatureSettings?) -> String {
        guard let settings, settings.scheme == WebhookSignature.Scheme.hmacSHA256.rawValue else {
            return "standard-webhooks (webhook-id, webhook-timestamp, webhook-signature)"
        }
        var text = "hmac-sha256 of the body in \(settings.header ?? WebhookSignature.defaultHeader)"
        text += " (\(settings.encoding ?? WebhookSignature.Encoding.hex.rawValue)"
        if let prefix = settings.prefix, !prefix.isEmpty { text += ", prefix \"\(prefix)\"" }
        text += ")"
        if settings.standardHeaders == true { text += ", and the Standard Webhooks headers" }
        return text
    }

    /// The filter as compact JSON and how many events it kept out; `none` without one.
    static func filter(_ webhook: WebhookView) -> String {
        guard let filter = webhook.filter else { return "none (every event of its types is sent)" }
        let text = (try? filter.canonicalData()).map { String(decoding: $0, as: UTF8.self) } ?? "\(filter)"
        guard let filtered = webhook.filteredEvents else { return text }
        return text + "\n\(filtered) event\(filtered == 1 ? "" : "s") filtered out so far"
    }

    /// `at once, then 1m, 5m, 30m`.
    static func retry(_ delays: [String]) -> String {
        delays.isEmpty ? "none (one attempt only)" : "at once, then " + delays.joined(separator: ", ")
    }

    /// `name<separator>value` sorted by name; `-` for none.
    static func pairs(_ values: [String: String], separator: String) -> [String] {
        values.isEmpty ? ["-"] : values.sorted { $0.key < $1.key }.map { $0.key + separator + $0.value }
    }

    static func qualifiedName(_ webhook: WebhookView) -> String {
        "\(webhook.account)/\(webhook.name)"
    }

    private static func lastDelivery(_ delivery: Delivery, now: Date) -> DetailList {
        var list = DetailList()
        list.add("ID", delivery.id)
        list.add("Event", "\(delivery.eventId) (\(delivery.eventType))")
        list.add("Status", delivery.status.rawValue)
        list.add("When", TimeText.full(delivery.lastAttemptAt ?? delivery.createdAt, now: now))
        list.add("Last result", DeliveryPresentation.lastResult(delivery))
        return list
    }

    /// What `webhooks create` prints: the webhook, then where its secret is.
    static func created(_ webhook: WebhookView, now: Date = Date()) -> String {
        "Created webhook \(qualifiedName(webhook)).\n\n" + detail(webhook, now: now)
            + "\n\nsecret: run `hookctl webhooks secret \(qualifiedName(webhook))`"
    }
}
