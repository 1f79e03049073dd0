import HookdCore

/// `Events.Get` params and `Deliveries.Get` params.
public struct IdParams: Codable, Sendable, Equatable {
    public var id: String
    public init(id: String) { self.id = id }
}
