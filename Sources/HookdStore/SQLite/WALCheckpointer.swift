import Foundation
internal import GRDB
import HookdCore

/// Copies the write-ahead log back into the database file from a connection of its own, so
/// the writer never does it in the middle of a commit.
///
/// Left to itself, SQLite checkpoints on the writer whenever a commit takes the log past
/// 1,000 pages: that commit then also copies every page back and syncs the database file,
/// several milliseconds during which every publish and attempt end waits (measured as the
/// publish-ack p99 of `hookd-bench latency`). While `SQLiteStore.checkpointContinuously`
/// runs, the writer's own threshold is raised to `writerSafetyPages` (a bound on the log if
/// this connection ever falls behind) and this connection checkpoints in `PASSIVE` mode,
/// which never blocks the writer or a reader.
///
/// Under steady writes a `PASSIVE` checkpoint never finishes the log: it copies the frames
/// there when it started, and the writer appends more meanwhile. SQLite starts the log over
/// only once every frame has been copied, so the log would grow to `writerSafetyPages`
/// (64 MiB) and the writer would then checkpoint by itself, one commit taking 100–250 ms
/// (measured on the latency row). So once the log holds `finishingPages`, a round ends with
/// the writer copying the short tail itself, between two commits
/// (`SQLiteStore.finishCheckpoint`), and the log starts over.
final class WALCheckpointer: Sendable {
    /// The log size at which the writer checkpoints by itself while a checkpointer runs.
    static let writerSafetyPages = 16_384
    /// SQLite's default threshold, restored when the checkpointer stops.
    static let writerDefaultPages = 1_000
    /// The log size (16 MiB) from which the writer finishes a round, so the log starts over
    /// well before `writerSafetyPages`. Below it the round leaves the tail to a later one:
    /// each finish costs the writer a sync of the database file, which every round (at
    /// 250 ms) cost the end-to-end row about 5 % of its rate.
    static let finishingPages = 4_096

    /// What one checkpoint found and did, in pages (`PRAGMA wal_checkpoint`'s answer).
    struct Outcome: Equatable, Sendable {
        /// Frames in the log.
        var logFrames: Int
        /// Frames now copied into the database file.
        var checkpointedFrames: Int
    }

    /// The checkpointing connection; GRDB serializes its use.
    private let connection: DatabaseQueue

    init(path: String, durability: Durability) throws {
        var configuration = Configuration()
        configuration.label = "hookd.checkpoint"
        configuration.busyMode = .timeout(SQLiteStore.busyTimeout)
        configuration.prepareDatabase { db in
            // The checkpoint syncs the database file before the log may be reused.
            try db.execute(sql: "PRAGMA synchronous = \(durability.synchronousPragma)")
        }
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Copies what the log holds and no reader still needs into the database file.
    func checkpoint() async throws -> Outcome {
        try await connection.writeWithoutTransaction { db in try Self.passiveCheckpoint(db) }
    }

    /// A `PASSIVE` checkpoint on `db`'s connection.
    static func passiveCheckpoint(_ db: Database) throws -> Outcome {
        let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        return Outcome(logFrames: row?[1] ?? 0, checkpointedFrames: row?[2] ?? 0)
    }
}
