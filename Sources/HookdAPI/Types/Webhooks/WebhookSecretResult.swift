import Foundation
import HookdCore

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
