import Foundation

/// An endpoint of a customer's system that receives the events it subscribes to.
///
/// Deliberately not `Codable`: it holds the signing secret, and the API shows webhooks
/// through `WebhookView`, which never carries it.
public struct Webhook: Sendable, Equatable {
    /// Every setting, in one box that copies share (it is never changed: a setter puts a
    /// new box in place). The engine copies a webhook with every delivery it holds, sends and
    /// ends; one reference is far cheaper to copy than twenty-two fields, most of them
    /// strings, arrays and dictionaries that each cost a reference count.
    private var storage: Storage

    /// A webhook's fields, as one value.
    private struct Settings: Sendable, Equatable {
        var id: String
        var account: String
        var name: String
        var url: String
        var enabled: Bool
        var disabledReason: String?
        var events: [EventPattern]
        var secret: WebhookSecret
        var previousSecret: WebhookSecret?
        var previousSecretExpiresAt: Date?
        var retry: RetrySchedule
        var timeout: Interval
        var rateLimit: RateLimit?
        var ordering: WebhookOrdering
        var headers: [String: String]
        var signature: WebhookSignature
        var filter: PayloadFilter?
        var description: String?
        var labels: [String: String]
        var managed: Bool
        var createdAt: Date
        var updatedAt: Date
    }

    /// The box: immutable, so any number of copies and threads may share it.
    private final class Storage: Sendable {
        let settings: Settings
        init(_ settings: Settings) { self.settings = settings }
    }

    /// Replaces the box with one holding the settings as `change` leaves them.
    private mutating func change(_ change: (inout Settings) -> Void) {
        var settings = storage.settings
        change(&settings)
        storage = Storage(settings)
    }

    /// Stable internal identifier (`wh_...`), unchanged by renames of nothing else.
    public var id: String {
        get { storage.settings.id }
        set { change { $0.id = newValue } }
    }
    /// The owning account; (account, name) is the webhook's identity.
    public var account: String {
        get { storage.settings.account }
        set { change { $0.account = newValue } }
    }
    public var name: String {
        get { storage.settings.name }
        set { change { $0.name = newValue } }
    }
    /// Where deliveries are POSTed.
    public var url: String {
        get { storage.settings.url }
        set { change { $0.url = newValue } }
    }
    public var enabled: Bool {
        get { storage.settings.enabled }
        set { change { $0.enabled = newValue } }
    }
    /// Why the webhook is disabled (`disabled by operator`, ...); `nil` while enabled.
    public var disabledReason: String? {
        get { storage.settings.disabledReason }
        set { change { $0.disabledReason = newValue } }
    }
    /// The event types it receives.
    public var events: [EventPattern] {
        get { storage.settings.events }
        set { change { $0.events = newValue } }
    }
    public var secret: WebhookSecret {
        get { storage.settings.secret }
        set { change { $0.secret = newValue } }
    }
    /// The secret replaced by the last rotation, still signing until `previousSecretExpiresAt`.
    public var previousSecret: WebhookSecret? {
        get { storage.settings.previousSecret }
        set { change { $0.previousSecret = newValue } }
    }
    public var previousSecretExpiresAt: Date? {
        get { storage.settings.previousSecretExpiresAt }
        set { change { $0.previousSecretExpiresAt = newValue } }
    }
    public var retry: RetrySchedule {
        get { storage.settings.retry }
        set { change { $0.retry = newValue } }
    }
    /// How long one attempt may take before it counts as failed.
    public var timeout: Interval {
        get { storage.settings.timeout }
        set { change { $0.timeout = newValue } }
    }
    /// How fast it may be sent to; `nil` for no limit beyond the in-flight limits.
    public var rateLimit: RateLimit? {
        get { storage.settings.rateLimit }
        set { change { $0.rateLimit = newValue } }
    }
    /// Any order (the default), or one at a time in publish order.
    public var ordering: WebhookOrdering {
        get { storage.settings.ordering }
        set { change { $0.ordering = newValue } }
    }
    /// Extra headers sent with every delivery.
    public var headers: [String: String] {
        get { storage.settings.headers }
        set { change { $0.headers = newValue } }
    }
    /// How deliveries are signed (Standard Webhooks unless the webhook chose otherwise).
    public var signature: WebhookSignature {
        get { storage.settings.signature }
        set { change { $0.signature = newValue } }
    }
    /// Only events whose `data` it matches are delivered; `nil` for every event.
    public var filter: PayloadFilter? {
        get { storage.settings.filter }
        set { change { $0.filter = newValue } }
    }
    public var description: String? {
        get { storage.settings.description }
        set { change { $0.description = newValue } }
    }
    public var labels: [String: String] {
        get { storage.settings.labels }
        set { change { $0.labels = newValue } }
    }
    /// True when created by `hookctl apply`.
    public var managed: Bool {
        get { storage.settings.managed }
        set { change { $0.managed = newValue } }
    }
    public var createdAt: Date {
        get { storage.settings.createdAt }
        set { change { $0.createdAt = newValue } }
    }
    public var updatedAt: Date {
        get { storage.settings.updatedAt }
        set { change { $0.updatedAt = newValue } }
    }

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
        storage = Storage(
            Settings(
                id: id, account: account, name: name, url: url, enabled: enabled, disabledReason: disabledReason,
                events: events, secret: secret, previousSecret: previousSecret,
                previousSecretExpiresAt: previousSecretExpiresAt, retry: retry, timeout: timeout, rateLimit: rateLimit,
                ordering: ordering, headers: headers, signature: signature, filter: filter, description: description,
                labels: labels, managed: managed, createdAt: createdAt, updatedAt: updatedAt ?? createdAt))
    }

    /// Equal when every setting is (the same box, or two boxes holding equal settings).
    public static func == (lhs: Webhook, rhs: Webhook) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.settings == rhs.storage.settings
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
