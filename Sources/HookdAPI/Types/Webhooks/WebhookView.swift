import Foundation
import HookdCore

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
