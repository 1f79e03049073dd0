import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Synchronization

/// Who may do what on the socket: each peer's role from its uid and groups (read with
/// `SO_PEERCRED` when it connects), checked against the role each method declares in
/// `HookdAPI` (`APIMethods.all`), the one table of who may call what.
final class AccessControl: Sendable {
    /// How long a peer's role is remembered before its groups are looked up again.
    static let roleLifetime: Duration = .seconds(10)

    private let groups: RoleGroups
    private let daemonUser: uid_t
    /// The least role each method needs, by wire name.
    private let required: [String: APIRole]
    /// Roles already worked out, by uid and gid, with when they were; guards the cache only.
    private let known = Mutex<[PeerKey: (role: APIRole?, at: ContinuousClock.Instant)]>([:])

    private struct PeerKey: Hashable {
        var uid: uid_t
        var gid: gid_t
    }

    init(groups: RoleGroups, daemonUser: uid_t = getuid(), methods: [AnyAPIMethod] = APIMethods.all) {
        self.groups = groups
        self.daemonUser = daemonUser
        required = Dictionary(methods.map { ($0.name, $0.role) }, uniquingKeysWith: max)
    }

    /// The role of a peer with `uid` in `memberOf` groups; `nil` for none.
    func role(uid: uid_t, memberOf memberships: Set<gid_t>) -> APIRole? {
        if uid == 0 || uid == daemonUser { return .admin }
        if !memberships.isDisjoint(with: groups.admin) { return .admin }
        if !memberships.isDisjoint(with: groups.operator) { return .operator }
        if !memberships.isDisjoint(with: groups.reader) { return .reader }
        return nil
    }

    /// The role of a connected peer; `nil` when it has none or cannot be told.
    func role(of peer: PeerCredentials?) -> APIRole? {
        guard let peer else { return nil }
        let key = PeerKey(uid: peer.uid, gid: peer.gid)
        let now = ContinuousClock.now
        if let cached = known.withLock({ $0[key] }), now - cached.at < Self.roleLifetime {
            return cached.role
        }
        let role = role(uid: peer.uid, memberOf: PeerGroups.of(uid: peer.uid, gid: peer.gid))
        known.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[key] = (role, now)
        }
        return role
    }

    /// Refuses, at accept time, a peer with no role.
    func admit(_ peer: PeerCredentials?) -> HookdError? {
        guard role(of: peer) == nil else { return nil }
        let who = peer.map { "uid \($0.uid) (gid \($0.gid))" } ?? "a peer whose credentials cannot be read"
        return HookdError(
            .permissionDenied, reason: "hookd.NoRole",
            "\(who) has no role on this hookd: its operator can add one of your groups with --reader-group, --operator-group or --admin-group")
    }

    /// Refuses a call above the caller's role, naming the role it needs.
    func authorize(_ method: String, _ context: RPCContext) -> HookdError? {
        let needed = required[method] ?? .reader
        let role = role(of: context.peer)
        if let role, role >= needed { return nil }
        let who = context.peer.map { "uid \($0.uid)" } ?? "this peer"
        return HookdError(
            .permissionDenied, reason: "hookd.RoleRequired",
            "\(method) needs the \(needed.rawValue) role; \(who) has \(role.map { "the \($0.rawValue) role" } ?? "none")")
    }
}
