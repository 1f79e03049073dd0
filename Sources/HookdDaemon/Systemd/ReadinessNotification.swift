import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// systemd's readiness protocol (`sd_notify(3)`) without libsystemd: one datagram to the
/// Unix socket `NOTIFY_SOCKET` names (a path, or an abstract name written `@name`), so a
/// `Type=notify` unit counts hookd as started only once it serves its socket.
public enum ReadinessNotification {
    /// Sends `state` (`READY=1`, `STOPPING=1`, `STATUS=...`, one per line); does nothing when
    /// `NOTIFY_SOCKET` is unset. Returns why it could not send, if it could not.
    @discardableResult
    public static func send(_ state: String) -> String? {
        guard let target = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"], !target.isEmpty else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(target.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }  // Abstract namespace.
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return "NOTIFY_SOCKET is too long" }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        #if os(Linux)
        let type = CInt(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_DGRAM
        #endif
        let descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else { return "cannot create a socket: \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, 0, socketAddress, length) }
            }
        }
        return sent == message.count ? nil : "cannot send to \(target): \(String(cString: strerror(errno)))"
    }
}
