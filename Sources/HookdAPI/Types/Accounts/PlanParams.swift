import HookdCore

/// An account plan as a request states it; omitted fields take the defaults (no webhook
/// limit, all event types).
public struct PlanParams: Codable, Sendable, Equatable {
    public var maxWebhooks: Int?
    public var eventTypes: [String]?

    public init(maxWebhooks: Int? = nil, eventTypes: [String]? = nil) {
        self.maxWebhooks = maxWebhooks
        self.eventTypes = eventTypes
    }
}
