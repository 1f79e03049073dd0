import Foundation
internal import GRDB
import HookdCore

/// A row of `webhooks`; (account, name) is unique.
struct WebhookRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "webhooks"

    var id: String
    var account: String
    var name: String
    var url: String
    var enabled: Bool
    var disabledReason: String?
    /// The subscribed patterns as a JSON array (`["customer.*","reward.issued"]`).
    var events: String
    /// The signing secret as `whsec_<base64>`.
    var secret: String
    /// The secret replaced by the last rotation, while it still signs.
    var previousSecret: String?
    var previousSecretExpires: Int64?
    /// The retry delays as a JSON array of intervals (`["1m","5m","30m"]`).
    var retry: String
    var timeoutMs: Int64
    var rateLimitPerSecond: Int?
    /// `unordered` or `fifo`.
    var ordering: String
    /// Extra headers as a JSON object.
    var headers: String
    var description: String?
    /// Labels as a JSON object.
    var labels: String
    var managed: Bool
    var created: Int64
    var updated: Int64

    enum CodingKeys: String, CodingKey {
        case id, account, name, url, enabled
        case disabledReason = "disabled_reason"
        case events, secret, retry
        case previousSecret = "previous_secret"
        case previousSecretExpires = "previous_secret_expires"
        case timeoutMs = "timeout_ms"
        case rateLimitPerSecond = "rate_limit_per_second"
        case ordering
        case headers, description, labels, managed, created, updated
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let name = Column(CodingKeys.name)
    }
}

extension WebhookRecord {
    init(_ webhook: Webhook) throws {
        id = webhook.id
        account = webhook.account
        name = webhook.name
        url = webhook.url
        enabled = webhook.enabled
        disabledReason = webhook.disabledReason
        events = try StoredValue.json(webhook.events)
        secret = webhook.secret.text
        previousSecret = webhook.previousSecret?.text
        previousSecretExpires = webhook.previousSecretExpiresAt?.storedMilliseconds
        retry = try StoredValue.json(webhook.retry)
        timeoutMs = webhook.timeout.milliseconds
        rateLimitPerSecond = webhook.rateLimit?.perSecond
        ordering = webhook.ordering.rawValue
        headers = StoredValue.json(webhook.headers)
        description = webhook.description
        labels = StoredValue.json(webhook.labels)
        managed = webhook.managed
        created = webhook.createdAt.storedMilliseconds
        updated = webhook.updatedAt.storedMilliseconds
    }

    func webhook() throws -> Webhook {
        guard let ordering = WebhookOrdering(rawValue: ordering) else {
            throw StoredValueError(table: Self.databaseTableName, column: "ordering", value: ordering)
        }
        return Webhook(
            id: id, account: account, name: name, url: url, enabled: enabled, disabledReason: disabledReason,
            events: try StoredValue.decode([EventPattern].self, json: events),
            secret: try WebhookSecret(secret),
            previousSecret: try previousSecret.map { text throws(HookdError) in try WebhookSecret(text) },
            previousSecretExpiresAt: previousSecretExpires.map(Date.init(storedMilliseconds:)),
            retry: try StoredValue.decode(RetrySchedule.self, json: retry),
            timeout: Interval(milliseconds: max(0, timeoutMs)),
            rateLimit: rateLimitPerSecond.map(RateLimit.init(perSecond:)), ordering: ordering,
            headers: try StoredValue.decode([String: String].self, json: headers),
            description: description,
            labels: try StoredValue.decode([String: String].self, json: labels),
            managed: managed, createdAt: Date(storedMilliseconds: created),
            updatedAt: Date(storedMilliseconds: updated))
    }
}
