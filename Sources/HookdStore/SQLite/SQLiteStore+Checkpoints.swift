import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Checkpoints the write-ahead log from a connection of its own every `interval` until
    /// the task is cancelled, then has the writer copy the few frames appended meanwhile
    /// (`finishCheckpoint`), so commits never pay for a whole checkpoint and the log starts
    /// over each round (see `WALCheckpointer`).
    ///
    /// While it runs the writer checkpoints by itself only past `WALCheckpointer.writerSafetyPages`;
    /// SQLite's default is restored when it ends. A failed checkpoint goes to `failed` and
    /// the loop goes on: the next one copies what this one could not. Cancelled before its
    /// first round (its first write waited behind a busy writer), it returns having changed
    /// nothing: a cancellation is the end of the loop, never a failure.
    public func checkpointContinuously(every interval: Duration, failed: @Sendable (any Error) -> Void) async throws {
        let checkpointer = try WALCheckpointer(path: path, durability: durability)
        do {
            try await setWriterCheckpointThreshold(WALCheckpointer.writerSafetyPages)
        } catch where Task.isCancelled {
            return
        }
        while !Task.isCancelled {
            do {
                try await checkpointRound(checkpointer)
            } catch {
                // Cancellation interrupts a checkpoint under way: the end of the loop, not a fault.
                if Task.isCancelled { break }
                failed(error)
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
        }
        // A task of its own: GRDB interrupts the statements of a cancelled one.
        try await Task { try await self.setWriterCheckpointThreshold(WALCheckpointer.writerDefaultPages) }.value
    }

    /// One round: the checkpointer copies the log, then, once the log holds `finishingFrom`
    /// frames or more, the writer copies what was appended meanwhile. `beforeFinishing` runs
    /// between the two with what the checkpointer did (tests use it to change what the
    /// writer finds).
    func checkpointRound(
        _ checkpointer: WALCheckpointer, finishingFrom: Int = WALCheckpointer.finishingPages,
        beforeFinishing: (WALCheckpointer.Outcome) async -> Void = { _ in }
    ) async throws {
        let copied = try await checkpointer.checkpoint()
        await beforeFinishing(copied)
        if copied.logFrames >= max(1, finishingFrom) { try await finishCheckpoint() }
    }

    /// Copies into the database file, on the writer between two commits, the frames appended
    /// to the log while the checkpointer was copying the rest, so the next commit starts the
    /// log over from its beginning (see `WALCheckpointer`).
    ///
    /// Only the writer appends frames, so while it does this no new one can come, and the
    /// checkpoint is complete unless a reader still needs an older snapshot (then the next
    /// round completes it). It copies a few hundred pages and syncs the database file, where
    /// a log left to reach `WALCheckpointer.writerSafetyPages` cost one commit 100–250 ms
    /// every few seconds.
    func finishCheckpoint() async throws {
        try await database.writeWithoutTransaction { db in
            _ = try WALCheckpointer.passiveCheckpoint(db)
        }
    }

    /// Sets the log size, in pages, past which a commit on the writer checkpoints.
    func setWriterCheckpointThreshold(_ pages: Int) async throws {
        try await database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)")
        }
    }

    /// The writer's checkpoint threshold in pages (for tests).
    func writerCheckpointThreshold() async throws -> Int {
        try await database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
    }
}
