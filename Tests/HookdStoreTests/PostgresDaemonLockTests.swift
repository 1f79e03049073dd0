import Foundation
import HookdTesting
import PostgresNIO
import Testing

@testable import HookdStore

/// A daemon's shared database lock outlives the connection that holds it: taken again when
/// its backend is terminated (as a database restart does), and the daemon told to stop when a
/// maintenance command took the database in between.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresDaemonLockTests {
    @Test("a daemon's lock whose backend is terminated is taken again on a new connection, keeping maintenance out")
    func retakenAfterTermination() async throws {
        try await withPostgresStore { store in
            let lock = try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            let keeping = Task { try await lock.keep(checkingEvery: .milliseconds(50)) }
            let before = try await Self.holders(in: store)
            #expect(before.count == 1)
            try await Self.terminate(before, in: store)
            let after = try await Self.holders(in: store) { !$0.isEmpty && $0 != before }
            #expect(after.count == 1)
            await #expect(throws: PostgresInUseError.self) {
                try await PostgresDaemonLock.acquire(
                    store.location, as: .maintenance("hookd copy-store"), logger: TestPostgres.logger)
            }
            keeping.cancel()
            try await keeping.value
            await lock.release()
            #expect(try await Self.holders(in: store) { $0.isEmpty }.isEmpty)
        }
    }

    @Test("a maintenance command that took the database while the daemon's lock was lost makes keeping it fail")
    func maintenanceGotInFirst() async throws {
        try await withPostgresStore { store in
            let lock = try await PostgresDaemonLock.acquire(store.location, as: .daemon, logger: TestPostgres.logger)
            try await Self.terminate(try await Self.holders(in: store), in: store)
            _ = try await Self.holders(in: store) { $0.isEmpty }
            let maintenance = try await PostgresDaemonLock.acquire(
                store.location, as: .maintenance("hookd secrets"), logger: TestPostgres.logger)
            let refused = await #expect(throws: PostgresInUseError.self) {
                try await lock.keep(checkingEvery: .milliseconds(50))
            }
            #expect(refused?.user == .maintenance)
            await maintenance.release()
            await lock.release()
        }
    }

    /// The backends holding the daemon lock on the store's database, once `until` holds of
    /// them (asked again every 20 ms, for at most 30 s: the backends are other processes).
    private static func holders(
        in store: PostgresStore, until done: ([Int32]) -> Bool = { _ in true }
    ) async throws -> [Int32] {
        let classId = Int64(PostgresDaemonLock.key >> 32)
        let objectId = Int64(PostgresDaemonLock.key & 0xFFFF_FFFF)
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let pids = try await store.read { session in
                try await session.rows(
                    """
                    SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
                        AND classid::bigint = \(classId) AND objid::bigint = \(objectId) AND objsubid = 1
                        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    ORDER BY pid
                    """
                ).map { try $0.get("pid", as: Int32.self) }
            }
            if done(pids) { return pids }
            guard ContinuousClock.now < deadline else {
                Issue.record("the daemon lock's holders stayed \(pids)")
                return pids
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Ends the backends `pids` as a database restart would end them.
    private static func terminate(_ pids: [Int32], in store: PostgresStore) async throws {
        for pid in pids {
            _ = try await store.read { session in try await session.rows("SELECT pg_terminate_backend(\(pid))") }
        }
    }
}
