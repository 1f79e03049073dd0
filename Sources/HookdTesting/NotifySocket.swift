import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A stand-in for systemd's `NOTIFY_SOCKET`: a Unix datagram socket that receives what a
/// process reports with `sd_notify` (`READY=1`, ...), for tests of readiness.
///
/// Receiving blocks a dispatch thread (not one of Swift concurrency's), within the timeout.
public final class NotifySocket: Sendable {
    /// The socket's path: put it in the process's `NOTIFY_SOCKET`.
    public let path: String
    private let descriptor: CInt

    /// Binds a new socket at `path` (which must not exist; at most 107 bytes).
    public init(path: String) throws {
        #if os(Linux)
        let type = CInt(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_DGRAM
        #endif
        let descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else { throw ProgramError("cannot create a datagram socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw ProgramError("\(path) is too long for a socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            close(descriptor)
            throw ProgramError("cannot bind \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Waits for the next message holding `text` (others are passed over) and returns it;
    /// throws after `timeout`. One waiter at a time.
    public func waitForMessage(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let descriptor = descriptor
        let path = path
        let deadline = ContinuousClock.now + timeout
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let left = deadline - ContinuousClock.now
                    guard left > .zero else {
                        continuation.resume(
                            throwing: ProgramError("no notification holding \(text) arrived at \(path) within \(timeout)"))
                        return
                    }
                    let (seconds, attoseconds) = left.components
                    var wait = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
                    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
                    let count = recv(descriptor, &buffer, buffer.count, 0)
                    guard count >= 0 else {
                        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { continue }
                        continuation.resume(throwing: ProgramError("recv on \(path): \(String(cString: strerror(errno)))"))
                        return
                    }
                    let message = String(decoding: buffer.prefix(count), as: UTF8.self)
                    if message.contains(text) {
                        continuation.resume(returning: message)
                        return
                    }
                }
            }
        }
    }
}
