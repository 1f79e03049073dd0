import Foundation
import HookdCore

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
