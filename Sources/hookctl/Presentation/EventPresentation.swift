import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// Events for people.
enum EventPresentation {
    static func table(_ events: [Event], now: Date = Date()) -> String {
        guard !events.isEmpty else { return "No events." }
        var table = Table("ID", "ACCOUNT", "TYPE", "PUBLISHED")
        table.fit(cutting: ["TYPE": 10, "ACCOUNT": 8], leavingOut: ["PUBLISHED"])
        for event in events {
            table.append([event.id, event.account, event.type, TimeText.relative(event.timestamp, now: now)])
        }
        return table.render()
    }

    /// The event, its data, then a table of where it went.
    static func detail(_ detail: EventDetail, now: Date = Date()) -> String {
        let event = detail.event
        var list = DetailList()
        list.add("ID", event.id)
        list.add("Account", event.account)
        list.add("Type", event.type)
        list.add("Published", TimeText.full(event.timestamp, now: now))
        list.add("Data", block: JSONText.pretty(event.data))
        return list.render() + "\n\nDeliveries:\n"
            + (detail.deliveries.isEmpty
                ? "  none (no enabled or disabled webhook of \(event.account) subscribes to \(event.type))"
                : DeliveryPresentation.eventTable(detail.deliveries, now: now))
    }

    /// What `events publish` prints.
    static func published(_ result: PublishedEvent) -> String {
        let event = result.event
        if result.duplicate {
            let original = "\(event.type) at \(Timestamp.format(event.timestamp))"
            return
                "Event \(event.id) is a duplicate: it was already published (\(original)); nothing was delivered again."
        }
        let deliveries = Plural.count(result.deliveries, "delivery", "deliveries")
        var text = "Published event \(event.id) (\(event.type)) to \(deliveries)."
        if result.deliveries > 0 { text += "\nSee them: hookctl events get \(event.id)" }
        return text
    }

    /// What `events publish --file` prints: how many were published, how many were
    /// duplicates, and how many deliveries they made.
    static func publishedBatch(_ results: [PublishedEvent]) -> String {
        let duplicates = results.count { $0.duplicate }
        let deliveries = results.reduce(0) { $0 + $1.deliveries }
        var text = "Published \(Plural.count(results.count - duplicates, "event"))"
        if duplicates > 0 { text += " (\(Plural.count(duplicates, "duplicate")) skipped: already published)" }
        return text + " to \(Plural.count(deliveries, "delivery", "deliveries"))."
    }
}
