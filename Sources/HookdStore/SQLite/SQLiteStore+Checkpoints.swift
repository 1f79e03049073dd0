import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Checkpoints the write-ahead log from a connection of its own every `interval` until
    /// the task is cancelled, so commits never pay for it (see `WALCheckpointer`).
    ///
    /// While it runs the writer checkpoints by itself only past `WALCheckpointer.writerSafetyPages`;
    /// SQLite's default is restored when it ends. A failed checkpoint goes to `failed` and
    /// the loop goes on: the next one copies what this one could not.
    public func checkpointContinuously(every interval: Duration, failed: @Sendable (any Error) -> Void) async throws {
        let checkpointer = try WALCheckpointer(path: path, durability: durability)
        try await setWriterCheckpointThreshold(WALCheckpointer.writerSafetyPages)
        while !Task.isCancelled {
            do {
                _ = try await checkpointer.checkpoint()
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
