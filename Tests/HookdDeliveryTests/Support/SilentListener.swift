import Foundation

/// A TCP listener on 127.0.0.2 that never answers: with `connects: false` its accept queue
/// is full, so a connect neither succeeds nor fails (the kernel drops the SYNs: a blackholed
/// address); with `connects: true` the kernel completes connections that nobody ever reads
/// from (a TLS handshake gets no reply).
final class SilentListener {
    private var descriptors: [Int32] = []
    /// The port it listens on.
    private(set) var port = 0

    /// Listens on 127.0.0.2:`port` (any free port for 0).
    init(port: Int = 0, connects: Bool) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.2")
        let listener = try Self.socket()
        descriptors.append(listener)
        try Self.check("bind") { Self.withAddress(&address) { bind(listener, $0, $1) } }
        try Self.check("listen") { listen(listener, connects ? 16 : 0) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try Self.check("getsockname") {
            withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
            }
        }
        self.port = Int(in_port_t(bigEndian: address.sin_port))
        guard !connects else { return }
        // One connection, never accepted, fills a backlog of zero.
        let filler = try Self.socket()
        descriptors.append(filler)
        try Self.check("connect") { Self.withAddress(&address) { connect(filler, $0, $1) } }
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    private static func socket() throws -> Int32 {
        let descriptor = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SilentListenerError(step: "socket", code: errno) }
        return descriptor
    }

    private static func withAddress(
        _ address: inout sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
    ) -> Int32 {
        withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    private static func check(_ step: String, _ call: () -> Int32) throws {
        guard call() == 0 else { throw SilentListenerError(step: step, code: errno) }
    }
}

/// A socket call the silent listener needed failed.
struct SilentListenerError: Error, CustomStringConvertible {
    var step: String
    var code: Int32

    var description: String { "\(step) for the silent listener failed: \(String(cString: strerror(code)))" }
}
