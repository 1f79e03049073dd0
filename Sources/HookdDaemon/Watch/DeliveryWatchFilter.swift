import HookdAPI
import HookdCore
import HookdDelivery

/// Which delivery changes a `Deliveries.Watch` passes on, its names resolved when the watch
/// starts (a webhook renamed afterwards stays watched).
struct DeliveryWatchFilter: Sendable {
    var account: String?
    var webhookId: String?
    var eventType: EventPattern?
    var status: DeliveryStatus?

    /// Checks `params` against the live state: the account and webhook must exist, the
    /// status be one of the statuses, the event type a pattern.
    init(_ params: DeliveryWatchParams, services: DaemonServices) async throws {
        var problems = ViolationList()
        if let name = params.account { account = try await services.account(name).name }
        if let reference = params.webhook { webhookId = try await services.webhook(reference).id }
        if let text = params.eventType {
            eventType = problems.collect("eventType") { () throws(HookdError) in try EventPattern(text) }
        }
        if let text = params.status {
            status = DeliveryStatus(rawValue: text)
            if status == nil {
                let valid = DeliveryStatus.allCases.map(\.rawValue).joined(separator: ", ")
                problems.add("status", "unknown status \"\(text)\"; use one of \(valid)")
            }
        }
        try problems.check("invalid watch")
    }

    /// True when `delivery`, as it now is, is watched.
    func matches(_ delivery: Delivery) -> Bool {
        if let account, delivery.account != account { return false }
        if let webhookId, delivery.webhookId != webhookId { return false }
        if let eventType, !eventType.matches(delivery.eventType) { return false }
        if let status, delivery.status != status { return false }
        return true
    }

    /// The notices one change makes for this watch.
    func notices(_ sequenced: SequencedChange, watch: String) -> [DeliveryWatchNotice] {
        switch sequenced.change {
        case .published(_, let deliveries):
            return deliveries.filter(matches).map {
                DeliveryWatchNotice(
                    watch: watch, cursor: sequenced.cursor, change: $0.status == .skipped ? .skipped : .created,
                    delivery: $0)
            }
        case .attempted(let delivery, let attempt):
            guard matches(delivery) else { return [] }
            return [
                DeliveryWatchNotice(
                    watch: watch, cursor: sequenced.cursor, change: attempt == nil ? .skipped : .attempted,
                    delivery: delivery, attempt: attempt)
            ]
        }
    }
}
