import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// The queue's depth at `now`, read from the (status, next_attempt_at) index and the
    /// webhooks table: a few counts, cheap enough for every metrics scrape.
    public func queueDepth(at now: Date) async throws -> QueueDepth {
        try await database.read { db in
            let awaiting = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'scheduled')") ?? 0
            let later = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'scheduled') AND next_attempt_at > ?",
                arguments: [now.storedMilliseconds]) ?? 0
            let retries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries WHERE status = 'scheduled'") ?? 0
            let disabled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhooks WHERE enabled = 0") ?? 0
            return QueueDepth(due: awaiting - later, scheduled: later, retriesWaiting: retries, webhooksDisabled: disabled)
        }
    }
}
