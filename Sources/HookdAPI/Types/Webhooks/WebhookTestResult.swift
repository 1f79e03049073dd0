import Foundation
import HookdCore

/// `Webhooks.Test`: the event that was sent and its delivery.
public struct WebhookTestResult: Codable, Sendable, Equatable {
    public var event: Event
    public var delivery: Delivery
    public init(event: Event, delivery: Delivery) {
        self.event = event
        self.delivery = delivery
    }
}
