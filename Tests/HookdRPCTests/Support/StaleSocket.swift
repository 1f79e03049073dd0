#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Leaves a socket file at `path` that nothing listens on, as a crashed daemon would (NIO
/// removes its socket files on a clean close, so a bound-then-closed NIO channel will not do).
func makeStaleSocket(at path: String) throws {
    #if os(Linux)
    let descriptor = socket(AF_UNIX, CInt(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
    #endif
    precondition(descriptor >= 0, "socket() failed")
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
        sunPath.copyBytes(from: path.utf8)
        sunPath[path.utf8.count] = 0
    }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    precondition(result == 0, "bind() failed")
}
