import Foundation
import HookdCore

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
