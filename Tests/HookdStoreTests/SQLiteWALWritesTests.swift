import Foundation
import GRDB
import HookdCore
import Testing

@testable import HookdStore

/// The write-ahead log's writes of a commit reach the file as one, before anything can see
/// the commit, and what they leave there is a log SQLite recovers.
struct SQLiteWALWritesTests {
    /// The writer connection's gathered-write counts.
    private func writerCounts(_ store: SQLiteStore) async throws -> (flushes: Int, gathered: Int) {
        let counts = try await store.database.writeWithoutTransaction { db in SQLiteWALWrites.counts(of: db) }
        return try #require(counts, "the writer's log is not written through the gathering VFS")
    }

    /// `count` events of about 1 KiB each, published in one commit.
    private func events(_ prefix: String, _ count: Int) -> [Event] {
        let padding = String(repeating: "x", count: 1_000)
        return (0..<count).map { Fixture.event("\(prefix)_\($0)", data: ["note": .string(padding)]) }
    }

    @Test(
        "a commit's log frames reach the file in one write, which another connection then reads",
        arguments: [Durability.full, .normal])
    func oneWritePerCommit(durability: Durability) async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore.open(dataDirectory: directory, durability: durability)
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            for round in 0..<3 {
                let before = try await writerCounts(store)
                _ = try await store.publish(events("evt_\(round)", 40), at: Fixture.now)
                let after = try await writerCounts(store)
                #expect(after.flushes - before.flushes == 1)
                // 40 events of 1 KiB with their deliveries and indexes change well over 20
                // pages; each frame is two writes (header and page).
                #expect(after.gathered - before.gathered > 40)
                // The pool's readers have log files of their own: they read what was written.
                let stored = try await store.database.read { db in
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE id LIKE ?", arguments: ["evt_\(round)_%"])
                }
                #expect(stored == 40)
            }
        }
    }

    @Test("a copy of the files taken after the commits recovers every row, also after a transaction that spilled and rewrote pages")
    func theLogRecovers() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore.open(dataDirectory: directory)
            try await Fixture.seed(store, webhooks: [try Fixture.webhook("crm")])
            for round in 0..<5 {
                _ = try await store.publish(events("evt_\(round)", 30), at: Fixture.now)
            }
            // One transaction larger than a tiny page cache: SQLite writes pages to the log
            // before the commit, reads them back, and rewrites frames (and their checksums) it
            // has already written.
            let spilled = try await store.database.writeWithoutTransaction { db -> (flushes: Int, gathered: Int) in
                try db.execute(sql: "PRAGMA cache_size = 10")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                let before = try #require(SQLiteWALWrites.counts(of: db))
                try db.inTransaction {
                    try db.execute(sql: "CREATE TABLE scratch (id INTEGER PRIMARY KEY, value BLOB NOT NULL)")
                    for id in 0..<2_000 {
                        try db.execute(sql: "INSERT INTO scratch VALUES (?, zeroblob(600))", arguments: [id])
                    }
                    try db.execute(sql: "UPDATE scratch SET value = randomblob(600)")
                    return .commit
                }
                let after = try #require(SQLiteWALWrites.counts(of: db))
                return (after.flushes - before.flushes, after.gathered - before.gathered)
            }
            #expect(spilled.flushes > 1, "the transaction did not spill: it tests nothing here")
            let expected = try await store.database.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0,
                    try Data.fetchOne(db, sql: "SELECT group_concat(hex(substr(value, 1, 8)), '') FROM scratch") ?? Data()
                )
            }
            #expect(expected.0 == 150)

            // The database and its log as a crash would leave them (no shared index): SQLite
            // rebuilds the index from the log, frame by frame, checking every checksum.
            let copy = directory + "/copy"
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
            for suffix in ["", "-wal"] {
                try FileManager.default.copyItem(atPath: store.path + suffix, toPath: copy + "/copy.sqlite" + suffix)
            }
            let recovered = try DatabaseQueue(path: copy + "/copy.sqlite")
            let found = try await recovered.read { db in
                (
                    try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events"),
                    try Data.fetchOne(db, sql: "SELECT group_concat(hex(substr(value, 1, 8)), '') FROM scratch")
                )
            }
            #expect(found.0 == "ok")
            #expect(found.1 == expected.0)
            #expect(found.2 == expected.1)
        }
    }
}
