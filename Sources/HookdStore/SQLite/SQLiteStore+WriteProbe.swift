internal import GRDB

extension SQLiteStore {
    /// Commits a write that changes nothing but must reach the disk (the database header's
    /// application id, set to what it is), so a storage fault shows as the error it is.
    public func probeWrite() async throws {
        try await database.write { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            try db.execute(sql: "PRAGMA application_id = \(id)")
        }
    }
}
