import Foundation

/// One state-changing (or secret-revealing) call on the socket, as the audit log keeps it:
/// who, when, what and how it ended. Never a secret, never a payload.
public struct AuditEntry: Codable, Sendable, Equatable {
    /// When the call ended.
    public var time: Date
    /// The caller's user id, read from the socket; `nil` when it could not be read.
    public var uid: UInt32?
    /// The caller's process id.
    public var pid: Int32?
    /// The caller's role when it called (`admin`, `operator`, `reader`).
    public var role: String?
    /// The method called, e.g. `Webhooks.Create`.
    public var method: String
    /// What the call was about, e.g. `acc_1/crm`; `nil` when the method names nothing.
    public var target: String?
    /// `ok`, or the error's status and reason (`PERMISSION_DENIED hookd.RoleRequired`).
    public var outcome: String
    /// More about the outcome, e.g. an apply's plan digest and new revision.
    public var detail: String?

    /// An entry.
    public init(
        time: Date, uid: UInt32?, pid: Int32?, role: String?, method: String, target: String?, outcome: String,
        detail: String? = nil
    ) {
        self.time = time
        self.uid = uid
        self.pid = pid
        self.role = role
        self.method = method
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }
}
