import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// The write-ahead log is checkpointed from a connection of its own, never by a commit.
struct WALCheckpointTests {
    /// Publishes `count` events of about 2 KiB each (data and envelope), one commit per 100.
    private func publish(_ count: Int, into store: SQLiteStore) async throws {
        let padding = String(repeating: "x", count: 1_000)
        for first in stride(from: 0, to: count, by: 100) {
            let events = (first..<min(count, first + 100)).map {
                Fixture.event("evt_\($0)", data: ["note": .string(padding)])
            }
            _ = try await store.publish(events, at: Fixture.now)
        }
    }

    @Test("a checkpoint copies every frame of the log into the database file")
    func checkpointCopiesTheLog() async throws {
        try await withTemporaryStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            try await publish(300, into: store)
            let checkpointer = try WALCheckpointer(path: store.path, durability: .full)
            let outcome = try await checkpointer.checkpoint()
            #expect(outcome.logFrames > 0)
            #expect(outcome.checkpointedFrames == outcome.logFrames)
        }
    }

    @Test("while the checkpointer runs the writer leaves the log to it; SQLite's threshold comes back after")
    func writerLeavesTheLogToTheCheckpointer() async throws {
        try await withTemporaryStore { store in
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            #expect(try await store.writerCheckpointThreshold() == WALCheckpointer.writerDefaultPages)
            let loop = Task {
                // Long enough that the loop checkpoints once, at its start, during this test.
                try await store.checkpointContinuously(every: .seconds(3600)) { error in
                    Issue.record("checkpoint failed: \(error)")
                }
            }
            while try await store.writerCheckpointThreshold() != WALCheckpointer.writerSafetyPages {
                await Task.yield()
            }
            // Past SQLite's 1,000-page threshold: a writer still checkpointing by itself would
            // have emptied the log along the way.
            try await publish(2_500, into: store)
            let checkpointer = try WALCheckpointer(path: store.path, durability: .full)
            let outcome = try await checkpointer.checkpoint()
            #expect(outcome.logFrames > WALCheckpointer.writerDefaultPages)
            loop.cancel()
            try await loop.value
            #expect(try await store.writerCheckpointThreshold() == WALCheckpointer.writerDefaultPages)
        }
    }
}

/// A checkpointer round leaves no tail in the log: what the writer appended while the
/// checkpointer copied is copied by the writer, so the next commit starts the log over.
struct WALCheckpointRoundTests {
    @Test("frames the checkpointer could not copy are finished by the writer, and the log starts over")
    func roundLeavesNoTail() async throws {
        try await withTemporaryStore { store in
            let (copied, after) = try await Self.roundWithTail(in: store, finishingFrom: 1)
            #expect(copied.checkpointedFrames < copied.logFrames)
            // Started over: the next write's few frames are all the log holds. Had the writer
            // not finished the round, they would come after every earlier frame.
            #expect(after.logFrames > 0)
            #expect(after.logFrames < copied.logFrames)
        }
    }

    @Test("below the finishing size the writer leaves the tail to a later round, and the log goes on")
    func smallLogIsLeft() async throws {
        try await withTemporaryStore { store in
            let (copied, after) = try await Self.roundWithTail(in: store, finishingFrom: WALCheckpointer.finishingPages)
            #expect(copied.logFrames < WALCheckpointer.finishingPages)
            #expect(after.logFrames > copied.logFrames)
        }
    }

    /// Writes, pins a reader, writes again (frames the checkpointer then cannot copy: they
    /// stand for what the writer appends while a checkpointer copies under steady load), runs
    /// a round that releases the reader between its two steps, writes once more; returns
    /// what the checkpointer's step found and the log after that last write.
    private static func roundWithTail(
        in store: SQLiteStore, finishingFrom: Int
    ) async throws -> (copied: WALCheckpointer.Outcome, after: WALCheckpointer.Outcome) {
        try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
        try await publish(ids: 0..<200, into: store)
        let reader = PinnedReader()
        let pinned = Task { try await store.database.read { db in try reader.hold(db) } }
        await reader.holding()
        try await publish(ids: 200..<300, into: store)

        let checkpointer = try WALCheckpointer(path: store.path, durability: .full)
        var copiedByCheckpointer: WALCheckpointer.Outcome?
        try await store.checkpointRound(checkpointer, finishingFrom: finishingFrom) { copied in
            copiedByCheckpointer = copied
            reader.release()
            _ = try? await pinned.value
        }
        try await publish(ids: 300..<301, into: store)
        return (try #require(copiedByCheckpointer), try await checkpointer.checkpoint())
    }

    private static func publish(ids: Range<Int>, into store: SQLiteStore) async throws {
        _ = try await store.publish(ids.map { Fixture.event("evt_\($0)") }, at: Fixture.now)
    }
}

/// Holds a read transaction open on a reader connection until released.
private final class PinnedReader: Sendable {
    private let held = AsyncStream<Void>.makeStream()
    private let released = DispatchSemaphore(value: 0)

    /// Inside `read`, on GRDB's reader thread: reads (which fixes the snapshot), then blocks
    /// that thread until `release()`.
    func hold(_ db: Database) throws {
        _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM events")
        held.continuation.yield()
        released.wait()
    }

    /// Returns once `hold` has fixed its snapshot.
    func holding() async {
        for await _ in held.stream { return }
    }

    func release() { released.signal() }
}
