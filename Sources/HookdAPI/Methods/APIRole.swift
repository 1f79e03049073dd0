import HookdCore

/// Who may call a method: the access level a connection needs, from least to most.
///
/// Declared here, once per method (``APIMethod/role``); enforcing it on a connection is the
/// daemon's business.
public enum APIRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Lists, gets, watches and status; never sees a secret.
    case reader
    /// A reader who may also act on deliveries: publish, test, redeliver, recover, enable and
    /// disable webhooks. No configuration changes, no secrets.
    case `operator`
    /// Everything, configuration and secrets included.
    case admin

    /// Orders roles by what they allow: a role allows everything a lesser one does.
    public static func < (lhs: APIRole, rhs: APIRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
