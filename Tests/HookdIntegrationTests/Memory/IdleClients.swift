import Foundation
import Testing

/// Many plain Unix-socket clients of a daemon, each of which has made one call and then
/// stays connected doing nothing, as thousands of idle producers would.
///
/// Blocking sockets without NIO, so the test's own event loops hold nothing per client; they
/// are opened and read on a thread of their own (``open(count:socketPath:)``), never on the
/// cooperative pool, whose few threads the tests running beside this one need.
final class IdleClients: @unchecked Sendable {
    /// Touched by one thread at a time: the one that opens them, then the test that closes them.
    private var descriptors: [CInt] = []

    /// Opens `count` connections to `socketPath` and makes one `Daemon.Health` call on each,
    /// waiting for every answer on a thread of its own: when this returns, the daemon serves
    /// all of them.
    static func open(count: Int, socketPath: String) async throws -> IdleClients {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try IdleClients(count: count, socketPath: socketPath) })
            }.start()
        }
    }

    private init(count: Int, socketPath: String) throws {
        let request = Array(#"{"jsonrpc":"2.0","method":"Daemon.Health","id":1}"#.utf8) + [UInt8(ascii: "\n")]
        do {
            for _ in 0..<count {
                let descriptor = try Self.connect(socketPath)
                descriptors.append(descriptor)
                try #require(write(descriptor, request, request.count) == request.count, "write failed: errno \(errno)")
            }
            for descriptor in descriptors {
                try Self.readAnswer(descriptor)
            }
        } catch {
            close()
            throw error
        }
    }

    /// Closes every connection.
    func close() {
        for descriptor in descriptors { Glibc.close(descriptor) }
        descriptors = []
    }

    deinit { close() }

    private static func connect(_ path: String) throws -> CInt {
        let descriptor = socket(AF_UNIX, CInt(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0, "socket() failed: errno \(errno) (open files limit?)")
        // An answer that never comes fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected != 0 {
            let failure = errno
            Glibc.close(descriptor)
            try #require(Bool(false), "connect() failed: errno \(failure)")
        }
        return descriptor
    }

    /// Reads up to the end of the first answer line, which must be `Daemon.Health`'s result.
    private static func readAnswer(_ descriptor: CInt) throws {
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while !line.contains(UInt8(ascii: "\n")) {
            let count = read(descriptor, &chunk, chunk.count)
            try #require(count > 0, "no answer from hookd on an idle client: errno \(errno)")
            line += chunk[0..<count]
        }
        let text = String(decoding: line, as: UTF8.self)
        try #require(text.contains(#""result""#), "hookd answered an idle client with \(text)")
    }
}
