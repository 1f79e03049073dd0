import HookdCore

/// One committed change the engine announces to watchers (`Deliveries.Watch`,
/// `Events.Watch`): only what is durably stored is announced.
public enum DeliveryChange: Sendable, Equatable {
    /// An event was stored, with the deliveries it made (a duplicate is not announced).
    case published(Event, deliveries: [Delivery])
    /// A delivery's attempt ended, or it was skipped without one: the delivery as it now
    /// is, and the attempt.
    case attempted(Delivery, Attempt?)
}
