#ifndef CSQLITEWALWRITES_H
#define CSQLITEWALWRITES_H

/// Makes SQLite's default VFS one that gathers the frames of a write-ahead-log commit into one
/// write (see wal_writes.c). Idempotent and thread-safe; returns an SQLite result code
/// (SQLITE_OK once installed).
int hookd_wal_writes_install(void);

/// For the log of one connection's main database (found through SQLITE_FCNTL_JOURNAL_POINTER):
/// how many times its gathered writes were sent to the file, and how many writes SQLite made
/// into the buffer (for tests and figures). Returns 0 when that log's writes are not gathered
/// (not open yet, or opened before the VFS was installed), 1 otherwise.
struct sqlite3;
int hookd_wal_writes_connection_counts(struct sqlite3 *db, long long *flushes, long long *gathered);

#endif
