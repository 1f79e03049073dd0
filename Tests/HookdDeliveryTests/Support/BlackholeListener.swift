import Foundation

/// A TCP listener on 127.0.0.2 whose accept queue is full, so a connect to it neither
/// succeeds nor fails: the kernel drops its SYNs. A blackholed address on loopback, for
/// the connection race.
final class BlackholeListener {
    private var descriptors: [Int32] = []

    /// Listens on 127.0.0.2:`port` with a backlog of zero and fills it with one connection
    /// that is never accepted.
    init(port: Int) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.2")
        let listener = try Self.socket()
        descriptors.append(listener)
        try Self.check("bind") { Self.withAddress(&address) { bind(listener, $0, $1) } }
        try Self.check("listen") { listen(listener, 0) }
        let filler = try Self.socket()
        descriptors.append(filler)
        try Self.check("connect") { Self.withAddress(&address) { connect(filler, $0, $1) } }
    }

    deinit {
        for descriptor in descriptors { close(descriptor) }
    }

    private static func socket() throws -> Int32 {
        let descriptor = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BlackholeError(step: "socket", code: errno) }
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
        guard call() == 0 else { throw BlackholeError(step: step, code: errno) }
    }
}

/// A socket call the blackhole needed failed.
struct BlackholeError: Error, CustomStringConvertible {
    var step: String
    var code: Int32

    var description: String { "\(step) for the blackhole listener failed: \(String(cString: strerror(code)))" }
}
