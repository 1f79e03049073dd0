import Foundation
import HookdTesting
import Testing

/// Many plain Unix-socket clients of a daemon, each of which has made one call and then
/// stays connected doing nothing, as thousands of idle producers would.
///
/// They live in a child process (`python3`), not in the test process: thousands of open
/// descriptors in the process that runs every test made Foundation's `Process.run()` crash
/// in other tests launching daemons meanwhile. The child opens the connections, makes one
/// `Daemon.Health` call on each, says `ready` once every answer has come, and closes them all
/// when its standard input ends (``close()``, or this process dying).
final class IdleClients: Sendable {
    private let process: Process
    private let input: Pipe

    private static let script = #"""
        import socket, sys
        path, count = sys.argv[1], int(sys.argv[2])
        request = b'{"jsonrpc":"2.0","method":"Daemon.Health","id":1}\n'
        clients = []
        for _ in range(count):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)  # blocking: waits while the daemon's accept backlog is full
            s.settimeout(30)
            s.sendall(request)
            clients.append(s)
        for s in clients:
            line = b''
            while b'\n' not in line:
                chunk = s.recv(512)
                if not chunk:
                    sys.exit('no answer from hookd on an idle client')
                line += chunk
            if b'"result"' not in line:
                sys.exit('hookd answered an idle client with ' + line.decode())
        print('ready', flush=True)
        sys.stdin.read()
        """#

    private init(process: Process, input: Pipe) {
        self.process = process
        self.input = input
    }

    /// Starts the child with `count` connections to `socketPath` and returns once the daemon
    /// has answered on all of them.
    static func open(count: Int, socketPath: String) async throws -> IdleClients {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, socketPath, "\(count)"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let clients = IdleClients(process: process, input: input)
        // Read on a thread of its own, never on the cooperative pool the other tests need.
        let said: String = await withCheckedContinuation { continuation in
            Thread {
                let data = output.fileHandleForReading.readDataToEndOfFile(untilLine: true)
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }.start()
        }
        guard said.hasPrefix("ready") else {
            clients.close()
            let reason = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw IdleClientsFailed(status: process.terminationStatus, reason: reason)
        }
        return clients
    }

    /// Closes every connection: ends the child's input and waits for it to exit.
    func close() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The child ended before every client was connected and answered.
    struct IdleClientsFailed: Error, CustomStringConvertible {
        let status: Int32
        let reason: String
        var description: String { "the idle clients' process ended before they were ready (exit \(status)): \(reason)" }
    }
}

extension FileHandle {
    /// Reads until a newline or the end of the stream.
    fileprivate func readDataToEndOfFile(untilLine: Bool) -> Data {
        var data = Data()
        while true {
            let chunk = availableData
            if chunk.isEmpty { return data }
            data.append(chunk)
            if untilLine, chunk.contains(UInt8(ascii: "\n")) { return data }
        }
    }
}
