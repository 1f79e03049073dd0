import Foundation
import HookdCore

/// The event catalog for people.
enum EventTypePresentation {
    static func table(_ eventTypes: [EventType], now: Date = Date()) -> String {
        guard !eventTypes.isEmpty else { return "No event types." }
        var table = Table("NAME", "SCHEMA", "EXAMPLE", "CREATED", "DESCRIPTION")
        table.fit(cutting: ["DESCRIPTION": 10], leavingOut: ["CREATED", "EXAMPLE"])
        for eventType in eventTypes {
            table.append([
                eventType.name, eventType.schema == nil ? "no" : "yes", eventType.example == nil ? "no" : "yes",
                TimeText.relative(eventType.createdAt, now: now),
                CellText.truncated(eventType.description ?? "", to: 60),
            ])
        }
        return table.render()
    }

    static func detail(_ eventType: EventType, now: Date = Date()) -> String {
        var list = DetailList()
        list.add("Name", eventType.name)
        list.add("Description", eventType.description ?? "-")
        list.add("Managed", eventType.managed ? "yes (by hookctl apply)" : "no")
        list.add("Created", TimeText.full(eventType.createdAt, now: now))
        if let schema = eventType.schema {
            list.add("Schema", block: JSONText.pretty(schema))
        } else {
            list.add("Schema", "none (any JSON object is accepted)")
        }
        if let example = eventType.example { list.add("Example data", block: JSONText.pretty(example)) }
        return list.render()
    }
}
