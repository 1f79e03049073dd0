import Foundation
import HookdCore

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
