import HookdAPI
import HookdCore
import HookdDelivery

/// Which published events an `Events.Watch` passes on.
struct EventWatchFilter: Sendable {
    var account: String?
    var type: EventPattern?

    /// Checks `params`: the account must exist and the type be a pattern.
    init(_ params: EventWatchParams, services: DaemonServices) async throws {
        var problems = ViolationList()
        if let name = params.account { account = try await services.account(name).name }
        if let text = params.type {
            type = problems.collect("type") { () throws(HookdError) in try EventPattern(text) }
        }
        try problems.check("invalid watch")
    }

    /// True when `event` is watched.
    func matches(_ event: Event) -> Bool {
        if let account, event.account != account { return false }
        if let type, !type.matches(event.type) { return false }
        return true
    }

    /// The notice one change makes for this watch, if any.
    func notice(_ sequenced: SequencedChange, watch: String) -> EventWatchNotice? {
        guard case .published(let event, let deliveries) = sequenced.change, matches(event) else { return nil }
        return EventWatchNotice(watch: watch, cursor: sequenced.cursor, event: event, deliveries: deliveries.count)
    }
}
