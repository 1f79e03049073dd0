import Foundation
import HookdCore
import Testing

@testable import HookdStore

/// The audit log in the store: newest first, filtered, and pruned with the history.
struct AuditLogTests {
    static func entry(_ method: String, uid: UInt32, at seconds: TimeInterval) -> AuditEntry {
        AuditEntry(
            time: Fixture.now.addingTimeInterval(seconds), uid: uid, pid: 42, role: "admin", method: method,
            target: "acc_1/crm", outcome: "ok")
    }

    @Test("entries come back newest first, from a time on, of one uid, and retention prunes the old ones", arguments: StoreKind.available)
    func listAndPrune(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            try await store.recordAudit(Self.entry("Accounts.Create", uid: 1000, at: -7200))
            try await store.recordAudit(Self.entry("Webhooks.Create", uid: 1001, at: -60))
            try await store.recordAudit(Self.entry("Webhooks.Delete", uid: 1000, at: -30))
            let all = try await store.auditEntries(since: nil, uid: nil, limit: 10)
            #expect(all.map(\.method) == ["Webhooks.Delete", "Webhooks.Create", "Accounts.Create"])
            #expect(all.first == Self.entry("Webhooks.Delete", uid: 1000, at: -30))
            let recent = try await store.auditEntries(since: Fixture.now.addingTimeInterval(-3600), uid: nil, limit: 10)
            #expect(recent.map(\.method) == ["Webhooks.Delete", "Webhooks.Create"])
            #expect(try await store.auditEntries(since: nil, uid: 1000, limit: 10).map(\.method) == ["Webhooks.Delete", "Accounts.Create"])
            #expect(try await store.auditEntries(since: nil, uid: nil, limit: 1).count == 1)

            _ = try await store.prune(before: Fixture.now.addingTimeInterval(-3600), batchSize: 100)
            #expect(try await store.auditEntries(since: nil, uid: nil, limit: 10).map(\.method) == ["Webhooks.Delete", "Webhooks.Create"])
        }
    }
}
