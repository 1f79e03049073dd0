import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    public func recordAudit(_ entry: AuditEntry) async throws {
        try await database.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO audit_log (time, uid, pid, role, method, target, outcome, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                entry.time.storedMilliseconds, entry.uid.map { Int64($0) }, entry.pid.map { Int64($0) }, entry.role,
                entry.method, entry.target, entry.outcome, entry.detail,
            ])
        }
    }

    public func auditEntries(since: Date?, uid: UInt32?, limit: Int) async throws -> [AuditEntry] {
        try await database.read { db in
            var sql = "SELECT time, uid, pid, role, method, target, outcome, detail FROM audit_log WHERE time >= ?"
            var arguments: StatementArguments = [since?.storedMilliseconds ?? Int64.min]
            if let uid {
                sql += " AND uid = ?"
                arguments += [Int64(uid)]
            }
            sql += " ORDER BY time DESC, id DESC LIMIT ?"
            arguments += [max(0, limit)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditEntry(
                    time: Date(storedMilliseconds: row["time"]), uid: (row["uid"] as Int64?).map { UInt32($0) },
                    pid: (row["pid"] as Int64?).map { Int32($0) }, role: row["role"], method: row["method"],
                    target: row["target"], outcome: row["outcome"], detail: row["detail"])
            }
        }
    }
}
