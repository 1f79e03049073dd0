import HookdCore

extension APIMethod where Params == AuditListParams, Result == [AuditEntry] {
    /// `Audit.List`.
    public static var auditList: Self {
        Self(
            "Audit.List", role: .admin, summary: "The audit log, newest first: every call that changed state or revealed a secret.",
            details: "Each entry has the caller's uid, pid and role, the method, its target and outcome; `Events.Publish` is not in it (every event is kept with its id and time). Entries older than `--retention` are pruned.",
            errors: [])
    }
}
