internal import GRDB
import HookdCore

extension SQLiteStore {
    /// The event with this id, if any.
    public func event(id: String) async throws -> Event? {
        try await database.read { db in
            try EventRecord.fetchOne(db, key: id)?.event()
        }
    }

    /// Events newest first (in the order they were stored), filtered by account and type.
    public func events(_ filter: EventFilter) async throws -> [Event] {
        try await database.read { db in
            var request = EventRecord.all()
            if let account = filter.account {
                request = request.filter { $0.account == account }
            }
            if let type = filter.type {
                request = request.filter { $0.type == type }
            }
            return try request.order(\.sequence.desc).limit(max(0, filter.limit)).fetchAll(db)
                .map { try $0.event() }
        }
    }
}
