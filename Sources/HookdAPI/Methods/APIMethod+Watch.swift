import HookdCore

extension APIMethod where Params == DeliveryWatchParams, Result == DeliveryWatchStarted {
    /// `Deliveries.Watch`.
    public static var deliveriesWatch: Self {
        Self(
            "Deliveries.Watch", role: .reader, kind: .watch,
            summary: "Follows deliveries as they change: a snapshot, then one Watch.Delivery notification per change.",
            details: "Filtered by account, webhook, event type (a pattern) and status; empty params watch everything. "
                + "Notifications come on the same connection until Watch.Cancel or the connection closes; a watcher "
                + "that falls behind gets Watch.End (hookd.WatchOverflow) and nothing more. Every notice has a cursor; "
                + "`after` resumes after one while the daemon still holds the changes since.",
            errors: [.notFound, .failedPrecondition, .resourceExhausted],
            notifications: [APINotification.watchDelivery.erased, APINotification.watchEnd.erased])
    }
}

extension APIMethod where Params == EventWatchParams, Result == EventWatchStarted {
    /// `Events.Watch`.
    public static var eventsWatch: Self {
        Self(
            "Events.Watch", role: .reader, kind: .watch,
            summary: "Follows published events: a snapshot, then one Watch.Event notification per event.",
            details: "Filtered by account and event type (a pattern); empty params watch everything.",
            errors: [.notFound, .failedPrecondition, .resourceExhausted],
            notifications: [APINotification.watchEvent.erased, APINotification.watchEnd.erased])
    }
}

extension APIMethod where Params == WatchCancelParams, Result == WatchCancelResult {
    /// `Watch.Cancel`.
    public static var watchCancel: Self {
        Self(
            "Watch.Cancel", role: .reader, summary: "Stops a watch of this connection; no notification of it follows the answer.")
    }
}
