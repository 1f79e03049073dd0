internal import CSQLiteWALWrites
internal import GRDB

/// SQLite's default VFS with the write-ahead log's writes of each commit gathered into one
/// system call (C target `CSQLiteWALWrites`, `wal_writes.c`, which says exactly when the
/// gathered frames reach the file).
///
/// SQLite writes every log frame as two `pwrite`s, its header and its page; a commit of a few
/// events with their deliveries and attempt ends changes about 25 pages, so 50 calls before
/// the sync, and on this kind of virtual machine each costs 7-8 µs whatever its size.
/// Gathered, such a commit makes one. Every commit's frames are in the file before SQLite
/// syncs the log or tells other connections the commit exists, so neither durability setting
/// changes meaning; a process that dies with frames gathered loses only a commit that had not
/// happened.
enum SQLiteWALWrites {
    /// Installs the VFS as the process's default, once; every SQLite store opens after it.
    static let installed: Bool = hookd_wal_writes_install() == 0

    /// For the log of `db`'s connection: how many times its gathered writes reached the file,
    /// and how many writes SQLite made into them; nil when its writes are not gathered.
    static func counts(of db: Database) -> (flushes: Int, gathered: Int)? {
        var flushes: Int64 = 0
        var gathered: Int64 = 0
        guard hookd_wal_writes_connection_counts(db.sqliteConnection, &flushes, &gathered) == 1 else {
            return nil
        }
        return (Int(flushes), Int(gathered))
    }
}
