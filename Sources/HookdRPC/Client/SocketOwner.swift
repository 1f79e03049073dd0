#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Who may own the socket a client talks to: the user running the client, root, or an
/// owner the user names (the account hookd runs as). Anything else may be another user's
/// process waiting for what clients send, secrets included.
public enum SocketOwner {
    /// Why a socket is not trusted: its owner is neither the user, root nor the trusted one.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        /// The socket that was not used.
        public var socketPath: String
        /// The uid that owns the socket file.
        public var owner: uid_t
        /// The uid running the client.
        public var user: uid_t

        /// One sentence for the operator, with the way out.
        public var description: String {
            "refusing to talk to hookd at \(socketPath): the socket belongs to uid \(owner)"
                + (SocketOwner.name(of: owner).map { " (\($0))" } ?? "") + ", "
                + "not to you (uid \(user)) or root, so another user's process may be listening there and would "
                + "receive what hookctl sends, secrets included; if hookd runs as that user, say so with "
                + "--socket-owner \(SocketOwner.name(of: owner) ?? "\(owner)") (env HOOKD_SOCKET_OWNER)"
        }
    }

    /// `--socket-owner` named no user this system knows.
    public struct UnknownUser: Error, CustomStringConvertible {
        /// The name as given.
        public var name: String
        /// One sentence for the operator.
        public var description: String { "--socket-owner: no user \"\(name)\" (give a user name or a uid)" }
    }

    /// The refusal for a socket owned by `owner` when `user` runs the client and `trusted`
    /// is the owner it was told to accept; `nil` when the socket may be used.
    public static func refusal(socketPath: String, owner: uid_t, user: uid_t, trusted: uid_t?) -> Refusal? {
        if owner == user || owner == 0 || owner == trusted { return nil }
        return Refusal(socketPath: socketPath, owner: owner, user: user)
    }

    /// Checks the owner of the socket file at `socketPath` for the user running this
    /// process; `nil` when it may be used or when there is no such file (connecting then
    /// says hookd is not running).
    public static func check(socketPath: String, trusted: uid_t?) throws -> Refusal? {
        var info = stat()
        guard stat(socketPath, &info) == 0 else { return nil }
        return refusal(socketPath: socketPath, owner: info.st_uid, user: getuid(), trusted: trusted)
    }

    /// The uid of a user name, or a uid given as digits.
    public static func uid(named name: String) throws(UnknownUser) -> uid_t {
        if let uid = uid_t(name) { return uid }
        guard let entry = getpwnam(name) else { throw UnknownUser(name: name) }
        return entry.pointee.pw_uid
    }

    /// The user name of `uid`, when the system knows one.
    fileprivate static func name(of uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
