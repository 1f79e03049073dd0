internal import GRDB
import HookdCore

extension SQLiteStore {
    /// The delivery with this id, if any.
    public func delivery(id: String) async throws -> Delivery? {
        try await database.read { db in
            try DeliveryRecord.fetchOne(db, key: id)?.delivery()
        }
    }

    /// Deliveries newest first (by creation, then id), filtered by webhook, event and status.
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
            return try request.order { [$0.created.desc, $0.id.desc] }.limit(max(0, filter.limit)).fetchAll(db)
                .map { try $0.delivery() }
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
