import Foundation

/// An endpoint of a customer's system that receives the events it subscribes to.
///
/// Deliberately not `Codable`: it holds the signing secret, and the API shows webhooks
/// through `WebhookView`, which never carries it.
public struct Webhook: Sendable, Equatable {
    /// Stable internal identifier (`wh_...`), unchanged by renames of nothing else.
    public var id: String
    /// The owning account; (account, name) is the webhook's identity.
    public var account: String
    public var name: String
    /// Where deliveries are POSTed.
    public var url: String
    public var enabled: Bool
    /// Why the webhook is disabled (`disabled by operator`, ...); `nil` while enabled.
    public var disabledReason: String?
    /// The event types it receives.
    public var events: [EventPattern]
    public var secret: WebhookSecret
    /// The secret replaced by the last rotation, still signing until `previousSecretExpiresAt`.
    public var previousSecret: WebhookSecret?
    public var previousSecretExpiresAt: Date?
    public var retry: RetrySchedule
    /// How long one attempt may take before it counts as failed.
    public var timeout: Interval
    /// How fast it may be sent to; `nil` for no limit beyond the in-flight limits.
    public var rateLimit: RateLimit?
    /// Any order (the default), or one at a time in publish order.
    public var ordering: WebhookOrdering
    /// Extra headers sent with every delivery.
    public var headers: [String: String]
    /// How deliveries are signed (Standard Webhooks unless the webhook chose otherwise).
    public var signature: WebhookSignature
    /// Only events whose `data` it matches are delivered; `nil` for every event.
    public var filter: PayloadFilter?
    public var description: String?
    public var labels: [String: String]
    /// True when created by `hookctl apply`.
    public var managed: Bool
    public var createdAt: Date
    public var updatedAt: Date

    /// The attempt timeout used when a webhook names none.
    public static let defaultTimeout = Interval.seconds(10)

    public init(
        id: String = Identifier.make(.webhook), account: String, name: String, url: String,
        enabled: Bool = true, disabledReason: String? = nil, events: [EventPattern],
        secret: WebhookSecret, previousSecret: WebhookSecret? = nil, previousSecretExpiresAt: Date? = nil,
        retry: RetrySchedule = .standard, timeout: Interval = Webhook.defaultTimeout, rateLimit: RateLimit? = nil,
        ordering: WebhookOrdering = .unordered, headers: [String: String] = [:],
        signature: WebhookSignature = .standardWebhooks, filter: PayloadFilter? = nil, description: String? = nil,
        labels: [String: String] = [:], managed: Bool = false, createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id
        self.account = account
        self.name = name
        self.url = url
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.events = events
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.retry = retry
        self.timeout = timeout
        self.rateLimit = rateLimit
        self.ordering = ordering
        self.headers = headers
        self.signature = signature
        self.filter = filter
        self.description = description
        self.labels = labels
        self.managed = managed
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// `ACCOUNT/NAME`, the form that is unique across accounts.
    public var qualifiedName: String { "\(account)/\(name)" }

    /// Whether the webhook subscribes to events of `type` (enabled or not).
    public func isSubscribed(to type: String) -> Bool {
        events.contains { $0.matches(type) }
    }

    /// Whether its filter lets an event with this `data` through (true without a filter).
    public func accepts(data: JSONValue) -> Bool {
        filter?.matches(data) ?? true
    }

    /// The secrets a delivery made at `now` is signed with: the current one, and during a
    /// rotation's grace period also the previous one (receivers accept either).
    public func signingSecrets(at now: Date) -> [WebhookSecret] {
        guard let previousSecret, let expires = previousSecretExpiresAt, now < expires else { return [secret] }
        return [secret, previousSecret]
    }

    /// The longest grace a rotation may give the old secret.
    public static let maximumRotationGrace = Interval.days(30)

    /// The webhook signing with `newSecret` from `now` on, and with its current secret too
    /// for `grace`, so receivers can switch without missing a delivery.
    public func rotatingSecret(to newSecret: WebhookSecret, grace: Interval, at now: Date) throws(HookdError) -> Webhook {
        guard grace <= Self.maximumRotationGrace else {
            throw .invalidField("grace", "must be at most \(Self.maximumRotationGrace)")
        }
        guard newSecret != secret else { throw .invalidField("secret", "is the webhook's current secret") }
        var rotated = self
        rotated.previousSecret = grace.milliseconds > 0 ? secret : nil
        rotated.previousSecretExpiresAt = grace.milliseconds > 0 ? now.addingTimeInterval(grace.timeInterval) : nil
        rotated.secret = newSecret
        rotated.updatedAt = now
        return rotated
    }

    /// The reason kept when an endpoint answers `410 Gone`.
    public static func goneReason(at now: Date) -> String {
        "disabled by hookd: endpoint answered 410 Gone at \(Timestamp.format(now))"
    }

    /// The webhook disabled by hookd itself, with the reason kept.
    public func disabled(reason: String, at now: Date) -> Webhook {
        var disabled = self
        disabled.enabled = false
        disabled.disabledReason = reason
        disabled.updatedAt = now
        return disabled
    }

    /// The delivery a freshly published event gets at this webhook: due at once when the
    /// webhook is enabled, kept as skipped when it is disabled so nothing is lost.
    public func initialDelivery(for event: Event, at now: Date) -> Delivery {
        Delivery(
            eventId: event.id, eventType: event.type, account: account, webhookId: id, webhookName: name,
            status: enabled ? .pending : .skipped, nextAttemptAt: enabled ? now : nil, createdAt: now)
    }
}

/// The headers hookd sets itself; a webhook's custom headers may not replace them.
public enum ReservedHeaders {
    public static let names: Set<String> = [
        "content-type", "content-length", "user-agent", "host", "webhook-id", "webhook-timestamp",
        "webhook-signature", "connection", "transfer-encoding",
    ]
}
