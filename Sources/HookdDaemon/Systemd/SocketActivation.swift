import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// systemd's socket activation protocol, as `sd_listen_fds(3)` describes it, without
/// libsystemd: when `LISTEN_PID` is this process and `LISTEN_FDS` is 1, descriptor 3 is a
/// socket systemd opened for hookd, which serves on it instead of binding its own.
public enum SocketActivation {
    /// The first descriptor systemd passes (`SD_LISTEN_FDS_START`).
    static let firstDescriptor: CInt = 3

    /// The socket systemd passed, checked to be a listening-ready `AF_UNIX` stream socket;
    /// `nil` when none was passed to this process. Removes the variables from the
    /// environment, as `sd_listen_fds(1)` does, so no child mistakes them for its own.
    public static func take() throws(SocketActivationError) -> InheritedSocket? {
        let environment = ProcessInfo.processInfo.environment
        guard let pidText = environment["LISTEN_PID"], let countText = environment["LISTEN_FDS"] else { return nil }
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
        guard pid_t(pidText) == getpid() else { return nil }
        guard let count = Int(countText), count > 0 else { return nil }
        guard count == 1 else {
            throw SocketActivationError("systemd passed \(count) sockets; hookd serves one (a single ListenStream= in hookd.socket)")
        }
        let descriptor = firstDescriptor
        try check(descriptor)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        return InheritedSocket(descriptor: descriptor, path: try path(of: descriptor))
    }

    private static func check(_ descriptor: CInt) throws(SocketActivationError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFSOCK else {
            throw SocketActivationError("descriptor 3 that systemd passed is not a socket")
        }
        guard option(descriptor, SO_DOMAIN) == AF_UNIX else {
            throw SocketActivationError("the socket systemd passed is not a Unix socket: use ListenStream=/path in hookd.socket")
        }
        #if os(Linux)
        let stream = CInt(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        guard option(descriptor, SO_TYPE) == stream else {
            throw SocketActivationError("the socket systemd passed is not a stream socket: use ListenStream= in hookd.socket")
        }
    }

    private static func option(_ descriptor: CInt, _ name: CInt) -> CInt? {
        var value: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(descriptor, SOL_SOCKET, name, &value, &length) == 0 else { return nil }
        return value
    }

    /// The path the socket is bound to (`getsockname`).
    private static func path(of descriptor: CInt) throws(SocketActivationError) -> String {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { throw SocketActivationError("cannot read the address of the socket systemd passed") }
        let path = withUnsafeBytes(of: address.sun_path) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard !path.isEmpty else {
            throw SocketActivationError("the socket systemd passed has no path (abstract or unbound): use ListenStream=/path")
        }
        return path
    }
}
