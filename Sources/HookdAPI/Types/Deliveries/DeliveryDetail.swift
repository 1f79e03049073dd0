import HookdCore

/// `Deliveries.Get`: a delivery with its attempts, first to last.
public struct DeliveryDetail: Codable, Sendable, Equatable {
    public var delivery: Delivery
    public var attempts: [Attempt]
    public init(delivery: Delivery, attempts: [Attempt]) {
        self.delivery = delivery
        self.attempts = attempts
    }
}
