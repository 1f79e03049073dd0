#ifndef CSQLITEWALWRITES_H
#define CSQLITEWALWRITES_H

/// Makes SQLite's default VFS one that gathers the frames of a write-ahead-log commit into one
/// write (see wal_writes.c). Idempotent and thread-safe; returns an SQLite result code
/// (SQLITE_OK once installed).
int hookd_wal_writes_install(void);

/// How many times, in this process, gathered log frames were sent to the file in one write,
/// and how many writes SQLite asked for to make them: for tests and figures.
void hookd_wal_writes_counts(long long *flushes, long long *gathered);

/// The same counts for the log of one connection's main database (through
/// SQLITE_FCNTL_JOURNAL_POINTER); returns 0 when that log's writes are not gathered (not open
/// yet, or opened before the VFS was installed), 1 otherwise.
struct sqlite3;
int hookd_wal_writes_connection_counts(struct sqlite3 *db, long long *flushes, long long *gathered);

#endif
