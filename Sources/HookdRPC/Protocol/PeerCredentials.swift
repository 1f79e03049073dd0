/// The process on the other end of a connection, as the kernel reports it (`SO_PEERCRED`).
///
/// Read once when the connection is accepted; the daemon bases access decisions on `uid`
/// and `gid`, and logs `pid` so an operator can tell callers apart.
public struct PeerCredentials: Sendable, Equatable {
    /// The peer's process id at the time it connected.
    public var pid: Int32
    /// The peer's effective user id.
    public var uid: UInt32
    /// The peer's effective group id.
    public var gid: UInt32

    /// Credentials as read from the socket (or made up by tests).
    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }
}
