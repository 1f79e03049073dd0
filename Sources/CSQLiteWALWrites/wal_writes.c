// A VFS over SQLite's default one that turns the many small writes of a write-ahead-log
// commit into one.
//
// SQLite writes each log frame as two calls, its 24-byte header and then the page, so a
// commit that changes 25 pages makes 50 `pwrite`s before its sync; on this kind of virtual
// machine a `pwrite` costs 7-8 µs whatever its size, which made the system calls a quarter of
// a small commit's time. Here the log file's writes are appended to a buffer in memory and
// sent as one write (or one per 120 KiB, the most the default VFS takes in one call):
//   - right after the page of a commit frame (a frame header whose "database size after
//     commit" field is not zero): so every commit's frames are in the file before its
//     `write` call returns, before SQLite syncs the log or publishes the commit in the shared
//     index, whatever the `synchronous` setting, and a failed write fails that commit;
//   - before anything else is done with the file (read, sync, size, truncate, lock, file
//     control, close), so nothing ever reads or measures around the buffer;
//   - when the buffer would pass its limit, or a write does not continue it; a write inside
//     what this connection has already written since the log last started over (SQLite
//     rewriting a frame or the checksums of the transaction under way) goes straight to
//     the file after the buffer.
// Frames that are not yet committed (a large transaction spilling pages) may sit in the
// buffer; no other connection reads past the last commit, and this connection's own reads go
// through `xRead`, which writes the buffer out first. A process that dies with frames in the
// buffer loses only frames of a commit that had not happened. Every other file (the database
// itself, its shared memory, temporary files) is the default VFS's own, untouched.
#include "CSQLiteWALWrites.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#define WAL_HEADER_BYTES 32
#define FRAME_HEADER_BYTES 24
#define BUFFER_LIMIT (1 << 20)
// The most the default VFS writes in one call: its `seekAndWriteFd` keeps only the low 17
// bits of a length (writes under 128 KiB).
#define WRITE_LIMIT (120 * 1024)

typedef struct GatheringFile {
    sqlite3_file base;              // base.pMethods = &gatheringMethods
    sqlite3_file *log;              // the default VFS's file, in the memory after this struct
    unsigned char *buffer;
    int capacity;
    int used;
    sqlite3_int64 start;            // file offset of buffer[0]
    int flushAfterNextWrite;        // a commit frame's header was just buffered
    sqlite3_int64 appendsFrom;      // where the frames written since the log last started end
    long long flushes;              // buffers written out, for tests and figures
    long long gathered;             // writes SQLite made into the buffer
} GatheringFile;

static sqlite3_vfs *underlying;
static sqlite3_vfs gatheringVFS;
static sqlite3_io_methods gatheringMethods;

/// Writes the buffer out. On an error it keeps the buffer, so nothing SQLite wrote is lost
/// to a later success: the next flush writes all of it again (a failed commit's frames lie
/// past the last commit, where SQLite writes afresh).
static int flush(GatheringFile *file) {
    if (file->used == 0) return SQLITE_OK;
    for (int done = 0; done < file->used; done += WRITE_LIMIT) {
        int amount = file->used - done < WRITE_LIMIT ? file->used - done : WRITE_LIMIT;
        int rc = file->log->pMethods->xWrite(file->log, file->buffer + done, amount, file->start + done);
        if (rc != SQLITE_OK) return rc;
    }
    file->used = 0;
    file->flushAfterNextWrite = 0;
    file->flushes += 1;
    return SQLITE_OK;
}

static int gatheringClose(sqlite3_file *base) {
    GatheringFile *file = (GatheringFile *)base;
    int rc = flush(file);
    int closed = file->log->pMethods->xClose(file->log);
    free(file->buffer);
    file->buffer = NULL;
    return rc != SQLITE_OK ? rc : closed;
}

// The log's methods that only need the buffer written out first, then do the default's work.
#define FLUSH_THEN(call)                          \
    GatheringFile *file = (GatheringFile *)base;  \
    int rc = flush(file);                         \
    return rc != SQLITE_OK ? rc : file->log->pMethods->call

static int gatheringRead(sqlite3_file *base, void *out, int amount, sqlite3_int64 offset) {
    FLUSH_THEN(xRead(file->log, out, amount, offset));
}

static int isCommitFrameHeader(const void *data, int amount) {
    if (amount != FRAME_HEADER_BYTES) return 0;
    const unsigned char *bytes = data;
    return (bytes[4] | bytes[5] | bytes[6] | bytes[7]) != 0;
}

/// Appends to the buffer, growing it; SQLITE_NOMEM if it cannot grow.
static int append(GatheringFile *file, const void *data, int amount, sqlite3_int64 offset) {
    if (file->used + amount > file->capacity) {
        int capacity = file->capacity == 0 ? 64 * 1024 : file->capacity;
        while (capacity < file->used + amount) capacity *= 2;
        unsigned char *grown = realloc(file->buffer, (size_t)capacity);
        if (grown == NULL) return SQLITE_NOMEM;
        file->buffer = grown;
        file->capacity = capacity;
    }
    if (file->used == 0) file->start = offset;
    memcpy(file->buffer + file->used, data, (size_t)amount);
    file->used += amount;
    return SQLITE_OK;
}

static int gatheringWrite(sqlite3_file *base, const void *data, int amount, sqlite3_int64 offset) {
    GatheringFile *file = (GatheringFile *)base;
    int rc;
    if (offset == 0 && amount == WAL_HEADER_BYTES) {
        // The log's header: the log starts over, and the frames that follow are appended
        // from here again.
        rc = flush(file);
        if (rc != SQLITE_OK) return rc;
        file->appendsFrom = 0;
    }
    int appends = offset >= file->appendsFrom && (file->used == 0 || offset == file->start + file->used)
        && file->used + amount <= BUFFER_LIMIT;
    if (!appends || append(file, data, amount, offset) != SQLITE_OK) {
        // A write inside what is already written (SQLite rewriting a frame of the transaction
        // under way, or its checksums), past the buffer's limit, or with no memory to buffer:
        // whatever is buffered goes first, then this write as it came.
        rc = flush(file);
        if (rc == SQLITE_OK) rc = file->log->pMethods->xWrite(file->log, data, amount, offset);
        if (offset + amount > file->appendsFrom) file->appendsFrom = offset + amount;
        return rc;
    }
    file->appendsFrom = offset + amount;
    file->gathered += 1;
    if (file->flushAfterNextWrite) return flush(file);
    if (isCommitFrameHeader(data, amount)) file->flushAfterNextWrite = 1;
    return SQLITE_OK;
}

static int gatheringTruncate(sqlite3_file *base, sqlite3_int64 size) {
    FLUSH_THEN(xTruncate(file->log, size));
}

static int gatheringSync(sqlite3_file *base, int flags) {
    FLUSH_THEN(xSync(file->log, flags));
}

static int gatheringFileSize(sqlite3_file *base, sqlite3_int64 *size) {
    FLUSH_THEN(xFileSize(file->log, size));
}

static int gatheringLock(sqlite3_file *base, int level) {
    FLUSH_THEN(xLock(file->log, level));
}

static int gatheringUnlock(sqlite3_file *base, int level) {
    FLUSH_THEN(xUnlock(file->log, level));
}

static int gatheringCheckReservedLock(sqlite3_file *base, int *result) {
    GatheringFile *file = (GatheringFile *)base;
    return file->log->pMethods->xCheckReservedLock(file->log, result);
}

static int gatheringFileControl(sqlite3_file *base, int op, void *argument) {
    FLUSH_THEN(xFileControl(file->log, op, argument));
}

static int gatheringSectorSize(sqlite3_file *base) {
    GatheringFile *file = (GatheringFile *)base;
    return file->log->pMethods->xSectorSize(file->log);
}

static int gatheringDeviceCharacteristics(sqlite3_file *base) {
    GatheringFile *file = (GatheringFile *)base;
    return file->log->pMethods->xDeviceCharacteristics(file->log);
}

static int gatheringOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *base, int flags, int *outFlags) {
    (void)vfs;
    if ((flags & SQLITE_OPEN_WAL) == 0) {
        // Not a log: the default VFS's file, in the same memory, with its own methods.
        return underlying->xOpen(underlying, name, base, flags, outFlags);
    }
    GatheringFile *file = (GatheringFile *)base;
    memset(file, 0, sizeof(GatheringFile));
    file->log = (sqlite3_file *)&file[1];
    int rc = underlying->xOpen(underlying, name, file->log, flags, outFlags);
    if (rc != SQLITE_OK) {
        // SQLite calls xClose only on files whose pMethods is set; a failed open may still
        // have set the default VFS's methods on its own file.
        if (file->log->pMethods != NULL) file->log->pMethods->xClose(file->log);
        return rc;
    }
    file->base.pMethods = &gatheringMethods;
    return SQLITE_OK;
}

// The rest of the VFS is the default one's.
static int passDelete(sqlite3_vfs *v, const char *n, int s) { (void)v; return underlying->xDelete(underlying, n, s); }
static int passAccess(sqlite3_vfs *v, const char *n, int f, int *r) { (void)v; return underlying->xAccess(underlying, n, f, r); }
static int passFullPathname(sqlite3_vfs *v, const char *n, int size, char *out) {
    (void)v;
    return underlying->xFullPathname(underlying, n, size, out);
}
static void *passDlOpen(sqlite3_vfs *v, const char *n) { (void)v; return underlying->xDlOpen(underlying, n); }
static void passDlError(sqlite3_vfs *v, int size, char *out) { (void)v; underlying->xDlError(underlying, size, out); }
static void (*passDlSym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return underlying->xDlSym(underlying, h, s); }
static void passDlClose(sqlite3_vfs *v, void *h) { (void)v; underlying->xDlClose(underlying, h); }
static int passRandomness(sqlite3_vfs *v, int size, char *out) { (void)v; return underlying->xRandomness(underlying, size, out); }
static int passSleep(sqlite3_vfs *v, int micro) { (void)v; return underlying->xSleep(underlying, micro); }
static int passCurrentTime(sqlite3_vfs *v, double *now) { (void)v; return underlying->xCurrentTime(underlying, now); }
static int passGetLastError(sqlite3_vfs *v, int size, char *out) { (void)v; return underlying->xGetLastError(underlying, size, out); }
static int passCurrentTimeInt64(sqlite3_vfs *v, sqlite3_int64 *now) {
    (void)v;
    return underlying->xCurrentTimeInt64(underlying, now);
}
static int passSetSystemCall(sqlite3_vfs *v, const char *n, sqlite3_syscall_ptr p) {
    (void)v;
    return underlying->xSetSystemCall(underlying, n, p);
}
static sqlite3_syscall_ptr passGetSystemCall(sqlite3_vfs *v, const char *n) { (void)v; return underlying->xGetSystemCall(underlying, n); }
static const char *passNextSystemCall(sqlite3_vfs *v, const char *n) { (void)v; return underlying->xNextSystemCall(underlying, n); }

static int installed = SQLITE_ERROR;
static pthread_once_t installOnce = PTHREAD_ONCE_INIT;

static void install(void) {
    underlying = sqlite3_vfs_find(NULL);
    if (underlying == NULL || underlying->iVersion < 3) {
        installed = SQLITE_ERROR;
        return;
    }
    // A log file's methods: version 1, as shared memory and memory mapping belong to the
    // database file, never to its log.
    gatheringMethods = (sqlite3_io_methods){
        .iVersion = 1,
        .xClose = gatheringClose,
        .xRead = gatheringRead,
        .xWrite = gatheringWrite,
        .xTruncate = gatheringTruncate,
        .xSync = gatheringSync,
        .xFileSize = gatheringFileSize,
        .xLock = gatheringLock,
        .xUnlock = gatheringUnlock,
        .xCheckReservedLock = gatheringCheckReservedLock,
        .xFileControl = gatheringFileControl,
        .xSectorSize = gatheringSectorSize,
        .xDeviceCharacteristics = gatheringDeviceCharacteristics,
    };
    int fileBytes = (int)sizeof(GatheringFile) + underlying->szOsFile;
    gatheringVFS = (sqlite3_vfs){
        .iVersion = 3,
        .szOsFile = fileBytes > underlying->szOsFile ? fileBytes : underlying->szOsFile,
        .mxPathname = underlying->mxPathname,
        .zName = "hookd-wal-writes",
        .xOpen = gatheringOpen,
        .xDelete = passDelete,
        .xAccess = passAccess,
        .xFullPathname = passFullPathname,
        .xDlOpen = passDlOpen,
        .xDlError = passDlError,
        .xDlSym = passDlSym,
        .xDlClose = passDlClose,
        .xRandomness = passRandomness,
        .xSleep = passSleep,
        .xCurrentTime = passCurrentTime,
        .xGetLastError = passGetLastError,
        .xCurrentTimeInt64 = passCurrentTimeInt64,
        .xSetSystemCall = passSetSystemCall,
        .xGetSystemCall = passGetSystemCall,
        .xNextSystemCall = passNextSystemCall,
    };
    installed = sqlite3_vfs_register(&gatheringVFS, 1);
}

int hookd_wal_writes_install(void) {
    pthread_once(&installOnce, install);
    return installed;
}


int hookd_wal_writes_connection_counts(struct sqlite3 *db, long long *flushes, long long *gathered) {
    sqlite3_file *log = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK || log == NULL
        || log->pMethods != &gatheringMethods) {
        return 0;
    }
    GatheringFile *file = (GatheringFile *)log;
    *flushes = file->flushes;
    *gathered = file->gathered;
    return 1;
}
