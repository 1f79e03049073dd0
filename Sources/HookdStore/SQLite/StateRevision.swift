internal import GRDB

/// The configuration revision kept in the one-row `meta` table.
enum StateRevision {
    static func current(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT state_revision FROM meta WHERE id = 1") ?? 0
    }

    /// Advances the revision; called inside every transaction that writes configuration,
    /// so the change and the new revision commit together.
    static func advance(_ db: Database) throws {
        try db.execute(sql: "UPDATE meta SET state_revision = state_revision + 1 WHERE id = 1")
    }
}
