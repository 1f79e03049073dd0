import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// The accounts and event types as last committed: from memory while unchanged, read in
    /// one snapshot after a change (see `CatalogCache`).
    public func catalog() async throws -> Catalog {
        try await catalogCache.catalog {
            try await database.read { db in
                var catalog = Catalog()
                for record in try AccountRecord.fetchAll(db) {
                    let account = try record.account()
                    catalog.accounts[account.name] = account
                }
                for record in try EventTypeRecord.fetchAll(db) {
                    let eventType = try record.eventType()
                    catalog.eventTypes[eventType.name] = eventType
                }
                return catalog
            }
        }
    }
}
