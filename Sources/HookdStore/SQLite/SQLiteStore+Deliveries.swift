internal import GRDB
import HookdCore

extension SQLiteStore {
    /// The delivery with this id, if any.
    public func delivery(id: String) async throws -> Delivery? {
        try await database.read { db in
            try DeliveryRecord.fetchOne(db, key: id)?.delivery()
        }
    }

    /// Deliveries newest first (by creation, then id) or oldest first, filtered by webhook,
    /// event, status and creation time.
    public func deliveries(_ filter: DeliveryFilter) async throws -> [Delivery] {
        try await database.read { db in
            var request = DeliveryRecord.all()
            if let webhookId = filter.webhookId {
                request = request.filter { $0.webhookId == webhookId }
            }
            if let eventId = filter.eventId {
                request = request.filter { $0.eventId == eventId }
            }
            if let status = filter.status {
                request = request.filter { $0.status == status.rawValue }
            }
            if let statuses = filter.statuses {
                let names = statuses.map(\.rawValue)
                request = request.filter { names.contains($0.status) }
            }
            if let from = filter.createdFrom?.storedMilliseconds {
                request = request.filter { $0.created >= from }
            }
            if let before = filter.createdBefore?.storedMilliseconds {
                request = request.filter { $0.created < before }
            }
            let ordered =
                filter.oldestFirst
                ? request.order { [$0.created.asc, $0.id.asc] } : request.order { [$0.created.desc, $0.id.desc] }
            return try ordered.limit(max(0, filter.limit)).fetchAll(db).map { try $0.delivery() }
        }
    }

    /// A delivery's attempts, first to last.
    public func attempts(deliveryId: String) async throws -> [Attempt] {
        try await database.read { db in
            try AttemptRecord.filter { $0.deliveryId == deliveryId }.order(\.number).fetchAll(db)
                .map { try $0.attempt() }
        }
    }
}
