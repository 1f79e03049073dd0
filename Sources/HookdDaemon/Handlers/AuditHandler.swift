import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdStore

/// `Audit.List`: the audit log, newest first.
enum AuditHandler {
    static let defaultLimit = 100
    static let maximumLimit = 10_000

    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.auditList) { (params: AuditListParams, _) in
            let limit = params.limit ?? defaultLimit
            guard (1...maximumLimit).contains(limit) else {
                throw HookdError.invalidArgument(
                    "limit must be between 1 and \(maximumLimit)",
                    violations: [Violation(field: "limit", description: "must be between 1 and \(maximumLimit)")])
            }
            var since: Date?
            if let text = params.since {
                do throws(IntervalParseError) {
                    since = Date().addingTimeInterval(-(try Interval(parsing: text)).timeInterval)
                } catch {
                    throw HookdError.invalidArgument(
                        "since: \(error.description)", violations: [Violation(field: "since", description: error.description)])
                }
            }
            return try await services.store.auditEntries(since: since, uid: params.uid, limit: limit)
        }
    }
}
