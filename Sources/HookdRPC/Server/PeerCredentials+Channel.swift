import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PeerCredentials {
    /// Reads the peer's credentials from a connected Unix socket channel.
    ///
    /// Linux only (`SO_PEERCRED`); elsewhere, or when the option cannot be read, the
    /// future succeeds with `nil` and the daemon treats the caller as unknown.
    static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        // `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`; Glibc hides the struct behind
        // _GNU_SOURCE, so read it as a tuple of the same layout.
        let credentials: EventLoopFuture<(Int32, UInt32, UInt32)> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map { Optional(PeerCredentials(pid: $0.0, uid: $0.1, gid: $0.2)) }
            .recover { _ in nil }
        #else
        return channel.eventLoop.makeSucceededFuture(nil)
        #endif
    }
}
