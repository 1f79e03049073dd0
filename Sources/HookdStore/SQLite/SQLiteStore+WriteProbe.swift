import Foundation
internal import GRDB

extension SQLiteStore {
    /// Free space below which the database's file system counts as full: a write may still
    /// fit in blocks the write-ahead log already has, but not the next large one.
    static let fullBelowBytes: UInt64 = 1 << 20

    /// Checks that the database's file system has room (`fullBelowBytes`) and commits a
    /// write that changes nothing but must reach the disk (the database header's application
    /// id, set to what it is), so a storage fault shows as the error it is.
    public func probeWrite() async throws {
        var status = statvfs()
        if statvfs(path, &status) == 0 {
            let free = UInt64(status.f_bavail) * UInt64(status.f_frsize)
            if free < Self.fullBelowBytes {
                throw DatabaseError(resultCode: .SQLITE_FULL, message: "\(free) bytes free on the database's file system")
            }
        }
        try await database.write { db in
            let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            try db.execute(sql: "PRAGMA application_id = \(id)")
        }
    }

    /// Reads the state revision: one row, from a connection of the reader pool.
    public func probeRead() async throws {
        _ = try await database.read { db in try Int64.fetchOne(db, sql: "SELECT state_revision FROM meta WHERE id = 1") }
    }
}
