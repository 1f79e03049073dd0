import HookdCore

/// `Deliveries.Watch`: which deliveries to follow; every member narrows, none watches all.
public struct DeliveryWatchParams: Codable, Sendable, Equatable {
    /// Only this account's deliveries.
    public var account: String?
    /// Only this webhook's: `NAME` or `ACCOUNT/NAME`.
    public var webhook: String?
    /// Only deliveries of these event types: a name, `family.*` or `*`.
    public var eventType: String?
    /// Only changes that leave a delivery in this status (`pending`, `scheduled`, ...).
    public var status: String?
    /// How many recent matching deliveries the answer holds (default 20, 0 to 1000).
    public var snapshot: Int?

    public init(
        account: String? = nil, webhook: String? = nil, eventType: String? = nil, status: String? = nil,
        snapshot: Int? = nil
    ) {
        self.account = account
        self.webhook = webhook
        self.eventType = eventType
        self.status = status
        self.snapshot = snapshot
    }
}

/// `Deliveries.Watch`'s answer: the watch's id, then `Watch.Delivery` notifications follow.
public struct DeliveryWatchStarted: Codable, Sendable, Equatable {
    /// Names the watch in its notifications and in `Watch.Cancel`.
    public var watch: String
    /// The feed's position when the watch began: its first change has a higher cursor.
    public var cursor: Int64
    /// The most recent matching deliveries, newest first.
    public var deliveries: [Delivery]

    public init(watch: String, cursor: Int64, deliveries: [Delivery]) {
        self.watch = watch
        self.cursor = cursor
        self.deliveries = deliveries
    }
}

/// `Watch.Delivery`: one delivery changed.
public struct DeliveryWatchNotice: Codable, Sendable, Equatable {
    /// What happened to a delivery.
    public enum Change: String, Codable, Sendable, CaseIterable {
        /// Made by a publish (or a test send).
        case created
        /// An attempt ended; `attempt` says how.
        case attempted
        /// Kept as skipped (its webhook is disabled), without an attempt.
        case skipped
    }

    /// The watch this belongs to.
    public var watch: String
    /// The change's position in the feed; rises by one per change the daemon committed.
    public var cursor: Int64
    public var change: Change
    /// The delivery as it now is.
    public var delivery: Delivery
    /// The attempt that ended (`attempted` only).
    public var attempt: Attempt?

    public init(watch: String, cursor: Int64, change: Change, delivery: Delivery, attempt: Attempt? = nil) {
        self.watch = watch
        self.cursor = cursor
        self.change = change
        self.delivery = delivery
        self.attempt = attempt
    }
}

/// `Events.Watch`: which events to follow; every member narrows, none watches all.
public struct EventWatchParams: Codable, Sendable, Equatable {
    /// Only this account's events.
    public var account: String?
    /// Only these event types: a name, `family.*` or `*`.
    public var type: String?
    /// How many recent matching events the answer holds (default 20, 0 to 1000).
    public var snapshot: Int?

    public init(account: String? = nil, type: String? = nil, snapshot: Int? = nil) {
        self.account = account
        self.type = type
        self.snapshot = snapshot
    }
}

/// `Events.Watch`'s answer: the watch's id, then `Watch.Event` notifications follow.
public struct EventWatchStarted: Codable, Sendable, Equatable {
    /// Names the watch in its notifications and in `Watch.Cancel`.
    public var watch: String
    /// The feed's position when the watch began.
    public var cursor: Int64
    /// The most recent matching events, newest first.
    public var events: [Event]

    public init(watch: String, cursor: Int64, events: [Event]) {
        self.watch = watch
        self.cursor = cursor
        self.events = events
    }
}

/// `Watch.Event`: an event was published.
public struct EventWatchNotice: Codable, Sendable, Equatable {
    public var watch: String
    public var cursor: Int64
    public var event: Event
    /// How many deliveries it made.
    public var deliveries: Int

    public init(watch: String, cursor: Int64, event: Event, deliveries: Int) {
        self.watch = watch
        self.cursor = cursor
        self.event = event
        self.deliveries = deliveries
    }
}

/// `Watch.End`: the daemon ended a watch (it fell behind); nothing more comes for it.
public struct WatchEndNotice: Codable, Sendable, Equatable {
    public var watch: String
    /// `hookd.WatchOverflow`: the watcher read too slowly and was dropped.
    public var reason: String
    /// What happened and what to do, in a sentence.
    public var message: String

    public init(watch: String, reason: String, message: String) {
        self.watch = watch
        self.reason = reason
        self.message = message
    }
}

/// `Watch.Cancel`: stop a watch of this connection.
public struct WatchCancelParams: Codable, Sendable, Equatable {
    public var watch: String
    public init(watch: String) { self.watch = watch }
}

/// `Watch.Cancel`'s answer.
public struct WatchCancelResult: Codable, Sendable, Equatable {
    public var watch: String
    /// False when no such watch runs on this connection.
    public var cancelled: Bool

    public init(watch: String, cancelled: Bool) {
        self.watch = watch
        self.cancelled = cancelled
    }
}
