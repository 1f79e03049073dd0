import Foundation
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
