import Foundation
import HookdCore

/// The audit log for people.
enum AuditPresentation {
    static func table(_ entries: [AuditEntry], now: Date = Date()) -> String {
        guard !entries.isEmpty else { return "No audit entries." }
        var table = Table("WHEN", "UID", "PID", "ROLE", "METHOD", "TARGET", "OUTCOME")
        for entry in entries {
            let outcome = [entry.outcome, entry.detail].compactMap { $0 }.joined(separator: ": ")
            table.append([
                TimeText.relative(entry.time, now: now), entry.uid.map(String.init) ?? "-", entry.pid.map(String.init) ?? "-",
                entry.role ?? "-", entry.method, entry.target ?? "-", outcome,
            ])
        }
        return table.render()
    }
}
