import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Deliveries.Watch`, `Events.Watch`, `Watch.Cancel`: changes as they are committed, on the
/// caller's connection.
enum WatchHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.registerWatch(.deliveriesWatch) { (params: DeliveryWatchParams, context) in
            let streams = try requireStreams(context)
            let filter = try await DeliveryWatchFilter(params, services: services)
            let size = try snapshotSize(params.snapshot, resuming: params.after != nil)
            // Subscribed before the snapshot is read, so nothing falls between the two.
            let subscription = try subscribe(services, after: params.after)
            let recent = try await services.store.deliveries(
                DeliveryFilter(webhookId: filter.webhookId, status: filter.status, limit: size == 0 ? 1 : 1000))
            let watch = WatchStream.newID()
            try streams.open(id: watch) { notifier in
                await WatchStream.run(
                    subscription, watch: watch, notification: APINotification.watchDelivery.name, notifier: notifier
                ) { filter.notices($0, watch: watch) }
            }
            return DeliveryWatchStarted(
                watch: watch, cursor: subscription.startCursor, deliveries: Array(recent.filter(filter.matches).prefix(size)))
        }
        router.registerWatch(.eventsWatch) { (params: EventWatchParams, context) in
            let streams = try requireStreams(context)
            let filter = try await EventWatchFilter(params, services: services)
            let size = try snapshotSize(params.snapshot, resuming: params.after != nil)
            let subscription = try subscribe(services, after: params.after)
            let recent = try await services.store.events(EventFilter(account: filter.account, limit: size == 0 ? 1 : 1000))
            let watch = WatchStream.newID()
            try streams.open(id: watch) { notifier in
                await WatchStream.run(
                    subscription, watch: watch, notification: APINotification.watchEvent.name, notifier: notifier
                ) { filter.notice($0, watch: watch).map { [$0] } ?? [] }
            }
            return EventWatchStarted(
                watch: watch, cursor: subscription.startCursor, events: Array(recent.filter(filter.matches).prefix(size)))
        }
        router.register(.watchCancel) { (params: WatchCancelParams, context) in
            WatchCancelResult(watch: params.watch, cancelled: context.streams?.cancel(id: params.watch) ?? false)
        }
    }

    private static func requireStreams(_ context: RPCContext) throws(HookdError) -> RPCStreams {
        guard let streams = context.streams else {
            throw HookdError(.failedPrecondition, reason: "hookd.WatchUnavailable", "a watch needs a connection of its own")
        }
        return streams
    }

    /// A subscription to the engine's changes, resumed after `after` when given.
    private static func subscribe(_ services: DaemonServices, after: Int64?) throws(HookdError) -> ChangeSubscription {
        do {
            return try services.engine.changes.subscribe(after: after)
        } catch {
            throw HookdError(
                .failedPrecondition, reason: "hookd.CursorExpired",
                "hookd no longer holds the changes after cursor \(error.cursor) (it keeps the last "
                    + "\(ChangeFeed.historyCapacity) while anyone watches, none from before a restart); "
                    + "watch again without after, from the snapshot",
                violations: [Violation(field: "after", description: "expired; resumable from \(error.oldest) to \(error.newest)")])
        }
    }

    /// A `snapshot` param checked against 0...1000, defaulting to 20 (0 when resuming).
    private static func snapshotSize(_ value: Int?, resuming: Bool) throws(HookdError) -> Int {
        let size = value ?? (resuming ? 0 : 20)
        guard (0...1000).contains(size) else { throw .invalidField("snapshot", "must be between 0 and 1000") }
        return size
    }
}
