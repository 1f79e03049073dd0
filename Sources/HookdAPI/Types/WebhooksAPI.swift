import Foundation
import HookdCore

/// Params naming one webhook: `NAME` when unique across accounts, else `ACCOUNT/NAME`.
public struct WebhookRefParams: Codable, Sendable, Equatable {
    public var webhook: String
    public init(webhook: String) { self.webhook = webhook }
}

/// `Webhooks.List`.
public struct WebhookListParams: Codable, Sendable, Equatable {
    /// Only this account's webhooks.
    public var account: String?
    public init(account: String? = nil) { self.account = account }
}

/// `Webhooks.Create`.
public struct WebhookCreateParams: Codable, Sendable, Equatable {
    public var account: String
    public var name: String
    public var url: String
    /// Event-type patterns: exact names, `family.*` or `*`.
    public var events: [String]
    /// `whsec_<base64>`; generated when omitted.
    public var secret: String?
    /// Defaults to true.
    public var enabled: Bool?
    /// Delays after the first attempt, e.g. `["1m", "5m", "30m"]` (the default).
    public var retry: [String]?
    /// Per-attempt timeout, e.g. `10s` (the default).
    public var timeout: String?
    /// At most this many requests per second (`perSecond: 0` or omitted: no limit).
    public var rateLimit: RateLimit?
    /// `unordered` (the default) or `fifo`: one delivery in flight at a time, in publish order.
    public var ordering: String?
    public var headers: [String: String]?
    /// How deliveries are signed; omitted: Standard Webhooks.
    public var signature: WebhookSignatureSettings?
    /// Only events whose `data` this matches are delivered (`{ path, OPERATOR: VALUE }`,
    /// `all`/`any`/`not`); omitted or `{}`: every event.
    public var filter: JSONValue?
    public var description: String?
    public var labels: [String: String]?

    public init(
        account: String, name: String, url: String, events: [String], secret: String? = nil, enabled: Bool? = nil,
        retry: [String]? = nil, timeout: String? = nil, rateLimit: RateLimit? = nil, ordering: String? = nil,
        headers: [String: String]? = nil, signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil,
        description: String? = nil, labels: [String: String]? = nil
    ) {
        self.signature = signature
        self.filter = filter
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.account = account
        self.name = name
        self.url = url
        self.events = events
        self.secret = secret
        self.enabled = enabled
        self.retry = retry
        self.timeout = timeout
        self.headers = headers
        self.description = description
        self.labels = labels
    }
}

/// `Webhooks.Update`: every field given replaces the current value; omitted fields stay.
public struct WebhookUpdateParams: Codable, Sendable, Equatable {
    public var webhook: String
    public var url: String?
    public var events: [String]?
    public var secret: String?
    public var retry: [String]?
    public var timeout: String?
    /// `perSecond: 0` removes the limit.
    public var rateLimit: RateLimit?
    /// `unordered` or `fifo`.
    public var ordering: String?
    public var headers: [String: String]?
    /// Replaces the whole signature setting (members omitted take their defaults).
    public var signature: WebhookSignatureSettings?
    /// Replaces the filter; `{}` removes it.
    public var filter: JSONValue?
    public var description: String?
    public var labels: [String: String]?

    public init(
        webhook: String, url: String? = nil, events: [String]? = nil, secret: String? = nil, retry: [String]? = nil,
        timeout: String? = nil, rateLimit: RateLimit? = nil, ordering: String? = nil, headers: [String: String]? = nil,
        signature: WebhookSignatureSettings? = nil, filter: JSONValue? = nil, description: String? = nil,
        labels: [String: String]? = nil
    ) {
        self.signature = signature
        self.filter = filter
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.webhook = webhook
        self.url = url
        self.events = events
        self.secret = secret
        self.retry = retry
        self.timeout = timeout
        self.headers = headers
        self.description = description
        self.labels = labels
    }
}

/// `Webhooks.Disable`.
public struct WebhookDisableParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// Kept as the disabled reason; defaults to "disabled by operator".
    public var reason: String?
    public init(webhook: String, reason: String? = nil) {
        self.webhook = webhook
        self.reason = reason
    }
}

/// `Webhooks.Test`.
public struct WebhookTestParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// Send this catalog type with its example data; omitted: a `hookd.ping` event.
    public var eventType: String?
    public init(webhook: String, eventType: String? = nil) {
        self.webhook = webhook
        self.eventType = eventType
    }
}

/// `Webhooks.Test`: the event that was sent and its delivery.
public struct WebhookTestResult: Codable, Sendable, Equatable {
    public var event: Event
    public var delivery: Delivery
    public init(event: Event, delivery: Delivery) {
        self.event = event
        self.delivery = delivery
    }
}

/// `Webhooks.GetSecret`.
public struct WebhookSecretResult: Codable, Sendable, Equatable {
    /// `ACCOUNT/NAME`.
    public var webhook: String
    /// `whsec_<base64>`.
    public var secret: String
    public init(webhook: String, secret: String) {
        self.webhook = webhook
        self.secret = secret
    }
}

/// A webhook as the API shows it: everything but the secret, which appears only as a
/// fingerprint.
public struct WebhookView: Codable, Sendable, Equatable {
    public var id: String
    public var account: String
    public var name: String
    public var url: String
    public var enabled: Bool
    /// `enabled` or `disabled`.
    public var status: String
    public var disabledReason: String?
    public var events: [String]
    public var retry: [String]
    public var timeout: String
    public var rateLimit: RateLimit?
    /// `unordered` or `fifo`; always set by this version (optional so a client still reads
    /// the view of a daemon from before ordering existed).
    public var ordering: String?
    public var headers: [String: String]
    /// How deliveries are signed, every member set (`scheme: standard-webhooks` alone for the
    /// default); optional so a client still reads the view of a daemon from before schemes.
    public var signature: WebhookSignatureSettings?
    /// The payload filter; `nil` when every event is delivered.
    public var filter: JSONValue?
    /// How many events the filter has kept from the webhook (`Webhooks.Get` only).
    public var filteredEvents: Int?
    public var description: String?
    public var labels: [String: String]
    public var managed: Bool
    /// `sha256:...` of the signing key; tells secrets apart without showing them.
    public var secretFingerprint: String
    /// During a rotation's grace: the old secret's fingerprint and when it stops signing.
    public var previousSecretFingerprint: String?
    public var previousSecretExpiresAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    /// The newest delivery to this webhook (`Webhooks.Get` only).
    public var lastDelivery: Delivery?

    public init(_ webhook: Webhook, lastDelivery: Delivery? = nil, filteredEvents: Int? = nil) {
        id = webhook.id
        account = webhook.account
        name = webhook.name
        url = webhook.url
        enabled = webhook.enabled
        status = webhook.enabled ? "enabled" : "disabled"
        disabledReason = webhook.disabledReason
        events = webhook.events.map(\.text)
        retry = webhook.retry.delays.map(\.description)
        timeout = webhook.timeout.description
        rateLimit = webhook.rateLimit
        ordering = webhook.ordering.rawValue
        headers = webhook.headers
        signature =
            webhook.signature.settings
            ?? WebhookSignatureSettings(scheme: WebhookSignature.Scheme.standardWebhooks.rawValue)
        filter = webhook.filter?.json
        self.filteredEvents = filteredEvents
        description = webhook.description
        labels = webhook.labels
        managed = webhook.managed
        secretFingerprint = webhook.secret.fingerprint
        let previous = webhook.signingSecrets(at: Date()).dropFirst().first
        previousSecretFingerprint = previous?.fingerprint
        previousSecretExpiresAt = previous == nil ? nil : webhook.previousSecretExpiresAt
        createdAt = webhook.createdAt
        updatedAt = webhook.updatedAt
        self.lastDelivery = lastDelivery
    }
}

/// `Webhooks.TestFilter`: would the webhook's filter let an event with this data through?
public struct WebhookTestFilterParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// The event's `data`.
    public var data: JSONValue

    public init(webhook: String, data: JSONValue) {
        self.webhook = webhook
        self.data = data
    }
}

/// `Webhooks.TestFilter`: whether the event would be sent, and why.
public struct WebhookTestFilterResult: Codable, Sendable, Equatable {
    /// `ACCOUNT/NAME`.
    public var webhook: String
    /// True when it would be delivered (always, without a filter).
    public var matches: Bool
    /// Why, in words (`amount is 50, not >= 100`).
    public var reason: String

    public init(webhook: String, matches: Bool, reason: String) {
        self.webhook = webhook
        self.matches = matches
        self.reason = reason
    }
}

/// `Webhooks.Recover`: re-send what a webhook missed.
public struct WebhookRecoverParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// From when: a duration back from now (`2h`) or an ISO 8601 time.
    public var since: String
    /// Until when (default: now), in the same forms.
    public var until: String?
    /// Only count what would be re-sent.
    public var dryRun: Bool?

    public init(webhook: String, since: String, until: String? = nil, dryRun: Bool? = nil) {
        self.webhook = webhook
        self.since = since
        self.until = until
        self.dryRun = dryRun
    }
}

/// What `Webhooks.Recover` found and (unless a dry run) queued, oldest first.
public struct WebhookRecoverResult: Codable, Sendable, Equatable {
    /// `ACCOUNT/NAME`.
    public var webhook: String
    public var since: Date
    public var until: Date
    public var failed: Int
    public var skipped: Int
    /// True when nothing was queued.
    public var dryRun: Bool
    /// The deliveries re-sent (or that would be), oldest first.
    public var deliveries: [String]

    public init(
        webhook: String, since: Date, until: Date, failed: Int, skipped: Int, dryRun: Bool, deliveries: [String]
    ) {
        self.webhook = webhook
        self.since = since
        self.until = until
        self.failed = failed
        self.skipped = skipped
        self.dryRun = dryRun
        self.deliveries = deliveries
    }
}

/// `Webhooks.RotateSecret`.
public struct WebhookRotateSecretParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// How long the old secret keeps signing too (default `24h`; `0s` ends it at once).
    public var grace: String?
    /// The new `whsec_` secret; generated when omitted.
    public var secret: String?

    public init(webhook: String, grace: String? = nil, secret: String? = nil) {
        self.webhook = webhook
        self.grace = grace
        self.secret = secret
    }
}
