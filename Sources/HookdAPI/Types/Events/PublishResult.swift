import HookdCore

/// The answer of `Events.Publish`: one event's outcome, or a batch's.
public enum PublishResult: Codable, CanonicalJSONWritable, Sendable, Equatable {
    /// The params named one event.
    case single(PublishedEvent)
    /// The params were a batch (`events`).
    case batch(PublishBatchResult)

    /// The outcome of one event; `nil` for a batch.
    public var event: PublishedEvent? {
        if case .single(let published) = self { return published }
        return nil
    }

    /// The outcomes of a batch; `nil` for one event.
    public var events: [PublishedEvent]? {
        if case .batch(let batch) = self { return batch.events }
        return nil
    }

    /// Reads either shape: a batch's answer has `events`, one event's has `event`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ShapeKey.self)
        if container.contains(.events) {
            self = .batch(try PublishBatchResult(from: decoder))
        } else {
            self = .single(try PublishedEvent(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .single(let published): try published.encode(to: encoder)
        case .batch(let batch): try batch.encode(to: encoder)
        }
    }

    public func write(to writer: inout CanonicalJSONWriter) throws {
        switch self {
        case .single(let published): try published.write(to: &writer)
        case .batch(let batch): try batch.write(to: &writer)
        }
    }

    /// The member that tells the two shapes apart.
    private enum ShapeKey: String, CodingKey {
        case events
    }
}
