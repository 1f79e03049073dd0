import HookdCore

/// `Events.Publish` with a batch.
public struct PublishBatchResult: Codable, Sendable, Equatable {
    public var events: [PublishedEvent]
    public init(events: [PublishedEvent]) { self.events = events }
}
