import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl status` for people.
enum StatusPresentation {
    static func detail(_ status: DaemonStatusResult, now: Date = Date()) -> String {
        var list = DetailList()
        list.add("Version", status.version)
        list.add("PID", String(status.pid))
        list.add(
            "Uptime",
            "\(TimeText.compact(seconds: Int(status.uptimeSeconds))) (since \(Timestamp.format(status.startedAt)))")
        list.add("Socket", status.socket)
        list.add("Data dir", status.dataDir)
        list.add("Store", status.durability.map { "\(status.store), durability \($0)" } ?? status.store)
        if status.allowInsecureTargets {
            list.add("Targets", "insecure allowed (http:// and private addresses; development only)")
        }
        if let allowed = status.allowedTargets, !allowed.isEmpty {
            list.add("Allowed targets", allowed.joined(separator: ", "))
        }
        list.add("Accounts", String(status.counts.accounts))
        list.add("Event types", String(status.counts.eventTypes))
        list.add("Webhooks", String(status.counts.webhooks))
        list.add("Events", String(status.counts.events))
        list.add("Deliveries", deliveries(status.counts.deliveries))
        list.add("Queue", "\(status.queued) waiting, \(status.inFlight) in flight")
        if let queued = status.queuedRetries, let inFlight = status.inFlightRetries {
            list.add("Retries", "\(queued) waiting, \(inFlight) in flight (included above)")
        }
        for node in status.nodes ?? [] {
            list.add("Node \(node.id)", self.node(node, isThis: node.id == status.nodeId, now: now))
        }
        return list.render()
    }

    /// `alive, heartbeat 2s ago, holding 3 (this daemon)`.
    static func node(_ node: ClusterNode, isThis: Bool, now: Date) -> String {
        let age = TimeText.compact(seconds: max(0, Int(now.timeIntervalSince(node.heartbeatAt))))
        return "\(node.alive ? "alive" : "dead"), heartbeat \(age) ago, holding \(node.held)"
            + (isThis ? " (this daemon)" : "")
    }

    /// `delivered 8, failed 1` in the order of a delivery's life; `none` when empty.
    static func deliveries(_ counts: [String: Int]) -> String {
        let known = DeliveryStatus.allCases.map(\.rawValue)
        let order = known + counts.keys.filter { !known.contains($0) }.sorted()
        let parts = order.compactMap { status in counts[status].flatMap { $0 > 0 ? "\(status) \($0)" : nil } }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
