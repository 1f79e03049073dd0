import Foundation
import HookdCore

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
