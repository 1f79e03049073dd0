import Foundation
import HookdCore

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
