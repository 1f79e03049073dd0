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
    /// The signature settings as a JSON object; `nil` for Standard Webhooks.
    var signature: String?
    /// The payload filter as a JSON object; `nil` for none.
    var filter: String?
    var description: String?
    /// Labels as a JSON object.
    var labels: String
    var managed: Bool
    var created: Int64
    var updated: Int64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, account, name, url, enabled
        case disabledReason = "disabled_reason"
        case events, secret, retry
        case previousSecret = "previous_secret"
        case previousSecretExpires = "previous_secret_expires"
        case timeoutMs = "timeout_ms"
        case rateLimitPerSecond = "rate_limit_per_second"
        case ordering
        case headers, signature, filter, description, labels, managed, created, updated
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let name = Column(CodingKeys.name)
    }
}

extension WebhookRecord {
    /// The row for `webhook`, its secrets sealed when `sealer` is given.
    init(_ webhook: Webhook, sealer: SecretSealer?) throws {
        id = webhook.id
        account = webhook.account
        name = webhook.name
        url = webhook.url
        enabled = webhook.enabled
        disabledReason = webhook.disabledReason
        events = StoredValue.json(strings: webhook.events.map(\.text))
        secret = Self.stored(webhook.secret.text, at: Self.secretPlace(webhook.id), sealer: sealer)
        previousSecret = webhook.previousSecret.map {
            Self.stored($0.text, at: Self.previousSecretPlace(webhook.id), sealer: sealer)
        }
        previousSecretExpires = webhook.previousSecretExpiresAt?.storedMilliseconds
        retry = StoredValue.json(strings: webhook.retry.delays.map(\.description))
        timeoutMs = webhook.timeout.milliseconds
        rateLimitPerSecond = webhook.rateLimit?.perSecond
        ordering = webhook.ordering.rawValue
        headers = try StoredValue.json(stringMap: webhook.headers)
        signature = try StoredValue.json(webhook.signature.settings?.json)
        filter = try StoredValue.json(webhook.filter?.json)
        description = webhook.description
        labels = try StoredValue.json(stringMap: webhook.labels)
        managed = webhook.managed
        created = webhook.createdAt.storedMilliseconds
        updated = webhook.updatedAt.storedMilliseconds
    }

    /// The webhook this row holds, its secrets opened with `sealer` when sealed.
    func webhook(sealer: SecretSealer?) throws -> Webhook {
        guard let ordering = WebhookOrdering(rawValue: ordering) else {
            throw StoredValueError(table: Self.databaseTableName, column: "ordering", value: ordering)
        }
        return Webhook(
            id: id, account: account, name: name, url: url, enabled: enabled, disabledReason: disabledReason,
            events: try Self.patterns(events),
            secret: try WebhookSecret(Self.opened(secret, at: Self.secretPlace(id), sealer: sealer)),
            previousSecret: try previousSecret.map { text in
                try WebhookSecret(Self.opened(text, at: Self.previousSecretPlace(id), sealer: sealer))
            },
            previousSecretExpiresAt: previousSecretExpires.map(Date.init(storedMilliseconds:)),
            retry: try Self.retrySchedule(retry),
            timeout: Interval(milliseconds: max(0, timeoutMs)),
            rateLimit: rateLimitPerSecond.map(RateLimit.init(perSecond:)), ordering: ordering,
            headers: try StoredValue.stringMap(json: headers),
            signature: try Self.signature(signature),
            filter: try Self.filter(filter),
            description: description,
            labels: try StoredValue.stringMap(json: labels),
            managed: managed, createdAt: Date(storedMilliseconds: created),
            updatedAt: Date(storedMilliseconds: updated))
    }

    /// The `signature` column: settings `WebhookFields` accepted when they were saved.
    private static func signature(_ json: String?) throws -> WebhookSignature {
        guard let json else { return .standardWebhooks }
        let settings = try StoredValue.decode(WebhookSignatureSettings.self, json: json)
        guard let signature = WebhookSignature(stored: settings) else {
            throw StoredValueError(table: databaseTableName, column: "signature", value: json)
        }
        return signature
    }

    /// The `filter` column: a filter `WebhookFields` accepted when it was saved.
    private static func filter(_ json: String?) throws -> PayloadFilter? {
        guard let json, let value = try StoredValue.decodeJSONValue(json) else { return nil }
        var problems = ViolationList()
        guard let filter = PayloadFilter.parse(value, field: "filter", problems: &problems) else {
            throw StoredValueError(table: databaseTableName, column: "filter", value: json)
        }
        return filter
    }

    /// The `events` column; a stored pattern that no longer reads fails as the decoder says.
    private static func patterns(_ json: String) throws -> [EventPattern] {
        let texts = try? StoredValue.strings(json: json)
        if let patterns = try? texts?.map({ text throws(HookdError) in try EventPattern(text) }) {
            return patterns
        }
        return try StoredValue.decode([EventPattern].self, json: json)
    }

    /// The `retry` column; a stored delay that no longer reads fails as the decoder says.
    private static func retrySchedule(_ json: String) throws -> RetrySchedule {
        let texts = try? StoredValue.strings(json: json)
        if let delays = try? texts?.map({ text throws(IntervalParseError) in try Interval(parsing: text) }) {
            return RetrySchedule(delays: delays)
        }
        return try StoredValue.decode(RetrySchedule.self, json: json)
    }
}

extension WebhookRecord {
    /// `INSERT` of a whole row with named arguments (`insertArguments`): a cached statement
    /// run directly, for applies that insert thousands of rows (GRDB's record insert
    /// encodes each record through `Encodable` first).
    static let insertSQL =
        "INSERT INTO webhooks (\(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))) "
        + "VALUES (\(CodingKeys.allCases.map { ":" + $0.rawValue }.joined(separator: ", ")))"

    /// The row's values by column, for `insertSQL`.
    var insertArguments: StatementArguments {
        StatementArguments(Dictionary(uniqueKeysWithValues: CodingKeys.allCases.map { ($0.rawValue, value(of: $0)) }))
    }

    /// The value of one column (the switch makes a new column impossible to forget).
    private func value(of column: CodingKeys) -> (any DatabaseValueConvertible)? {
        switch column {
        case .id: id
        case .account: account
        case .name: name
        case .url: url
        case .enabled: enabled
        case .disabledReason: disabledReason
        case .events: events
        case .secret: secret
        case .previousSecret: previousSecret
        case .previousSecretExpires: previousSecretExpires
        case .retry: retry
        case .timeoutMs: timeoutMs
        case .rateLimitPerSecond: rateLimitPerSecond
        case .ordering: ordering
        case .headers: headers
        case .signature: signature
        case .filter: filter
        case .description: description
        case .labels: labels
        case .managed: managed
        case .created: created
        case .updated: updated
        }
    }
}
