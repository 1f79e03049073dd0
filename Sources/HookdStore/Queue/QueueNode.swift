import Foundation

/// A daemon listed as a holder of work on a shared store.
public struct QueueNode: Sendable, Equatable {
    /// Its node id (`hookd --node-id`).
    public var id: String
    /// When it registered.
    public var started: Date
    /// When it last said it was alive.
    public var heartbeat: Date
    /// How many deliveries it holds.
    public var held: Int

    public init(id: String, started: Date, heartbeat: Date, held: Int) {
        self.id = id
        self.started = started
        self.heartbeat = heartbeat
        self.held = held
    }
}
