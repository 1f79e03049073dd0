import GRDB
import HookdCore
import HookdStore
import Testing

/// Which store errors are storage faults, and what the caller hears for each.
struct StorageFaultTests {
    @Test("SQLITE_FULL and SQLITE_READONLY (with its extended codes) are storage faults; other errors are not")
    func classification() {
        #expect(StorageFault.error(for: DatabaseError(resultCode: .SQLITE_FULL)) == .storageFull)
        #expect(StorageFault.error(for: DatabaseError(resultCode: .SQLITE_READONLY)) == .storageReadOnly)
        #expect(StorageFault.error(for: DatabaseError(resultCode: .SQLITE_READONLY_DBMOVED)) == .storageReadOnly)
        #expect(StorageFault.error(for: DatabaseError(resultCode: .SQLITE_CONSTRAINT)) == nil)
        #expect(StorageFault.error(for: HookdError.invalidArgument("x")) == nil)
        #expect(HookdError.storageFull.status == .unavailable)
        #expect(HookdError.storageReadOnly.reason == "hookd.StorageReadOnly")
    }

    @Test("a probe write goes through on a writable store")
    func probe() async throws {
        try await withTemporaryStore { store in
            try await store.probeWrite()
        }
    }

    @Test("a read probe answers on a working store", arguments: StoreKind.available)
    func readProbe(kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.probeRead()
        }
    }

    @Test("a read probe fails when the store cannot answer it (its bookkeeping table is gone)")
    func readProbeFails() async throws {
        try await withTemporaryStore { store in
            try await store.probeRead()
            let raw = try DatabaseQueue(path: store.path)
            try await raw.write { db in try db.execute(sql: "DROP TABLE meta") }
            try raw.close()
            await #expect(throws: (any Error).self) { try await store.probeRead() }
        }
    }
}
