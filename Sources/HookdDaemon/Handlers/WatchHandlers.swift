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
            let size = try snapshotSize(params.snapshot)
            // Subscribed before the snapshot is read, so nothing falls between the two.
            let subscription = services.engine.changes.subscribe()
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
            let size = try snapshotSize(params.snapshot)
            let subscription = services.engine.changes.subscribe()
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

    /// A `snapshot` param checked against 0...1000, defaulting to 20.
    private static func snapshotSize(_ value: Int?) throws(HookdError) -> Int {
        let size = value ?? 20
        guard (0...1000).contains(size) else { throw .invalidField("snapshot", "must be between 0 and 1000") }
        return size
    }
}
