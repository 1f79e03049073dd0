import Foundation
import HookdTesting

/// A real nginx on 127.0.0.1 answering every request `200` at once: the endpoint a user
/// would compare hookd against. Each sink has its own configuration, logs and pid file in
/// a temporary directory and runs as a child process (`daemon off`, one worker), so it can
/// be stopped and started again on the same port to play an outage.
final class NginxSink: Sendable {
    /// The port the sink listens on, whether it runs now or not.
    let port: Int
    /// Where the sink's configuration and logs live.
    let directory: TemporaryDirectory
    /// The nginx child while it runs, `nil` while the sink is down.
    private let running: ProcessSlot

    /// `http://127.0.0.1:PORT/PATH`.
    func url(path: String = "hooks") -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Prepares a sink on `port` (an unused one when `nil`) without starting it.
    init(port: Int? = nil) throws {
        self.port = try port ?? LoopbackPort.unused()
        directory = try TemporaryDirectory(prefix: "hookd-nginx")
        running = ProcessSlot()
        try Self.configuration(port: self.port, directory: directory.path)
            .write(toFile: directory.path + "/nginx.conf", atomically: true, encoding: .utf8)
    }

    /// The whole nginx.conf: one worker, no access log (per-request times come from the
    /// in-process receiver of `latency`), keep-alive for (practically) ever, `return 200`.
    static func configuration(port: Int, directory: String) -> String {
        """
            daemon off;
            master_process on;
            worker_processes 1;
            pid \(directory)/nginx.pid;
            error_log \(directory)/error.log warn;
            events {
                worker_connections 8192;
            }
            http {
                access_log off;
                client_body_temp_path \(directory)/body;
                proxy_temp_path \(directory)/proxy;
                fastcgi_temp_path \(directory)/fastcgi;
                uwsgi_temp_path \(directory)/uwsgi;
                scgi_temp_path \(directory)/scgi;
                keepalive_requests 1000000;
                keepalive_timeout 600s;
                server {
                    listen 127.0.0.1:\(port) backlog=4096;
                    location / {
                        return 200;
                    }
                }
            }

            """
    }

    /// Starts nginx and returns once it accepts connections.
    ///
    /// - Throws: ``BenchError/tool(_:_:)`` with nginx's error log when it exits or does not
    ///   listen within 10 s (e.g. the port was taken meanwhile).
    func start() async throws {
        let nginx = try InstalledProgram.path(of: "nginx")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = [
            "-p", directory.path, "-c", directory.path + "/nginx.conf", "-e", directory.path + "/error.log",
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        running.set(process)
        Interruption.track(pid: process.processIdentifier, folder: directory.path)
        // nginx is another process: there is nothing to await but its port.
        let deadline = ContinuousClock.now + .seconds(10)
        while !LoopbackPort.accepts(port) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                try? await stop()
                throw BenchError.tool("nginx did not start on 127.0.0.1:\(port)", errorLog)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Stops nginx (SIGTERM: at once, open connections are closed) and waits until its
    /// port refuses connections.
    func stop() async throws {
        guard let process = running.take() else { return }
        defer { Interruption.forget(pid: process.processIdentifier) }
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(10)
        while process.isRunning || LoopbackPort.accepts(port) {
            guard ContinuousClock.now < deadline else {
                throw BenchError.tool("nginx on 127.0.0.1:\(port) did not stop", errorLog)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Starts a sink on an unused port, hands it to `body`, and always stops it and removes
    /// its directory afterwards.
    static func serving<T>(_ body: (NginxSink) async throws -> T) async throws -> T {
        let sink = try NginxSink()
        do {
            try await sink.start()
            let result = try await body(sink)
            await sink.remove()
            return result
        } catch {
            await sink.remove()
            throw error
        }
    }

    /// Stops nginx if it runs and removes its directory.
    func remove() async {
        try? await stop()
        directory.remove()
    }

    private var errorLog: String {
        (try? String(contentsOfFile: directory.path + "/error.log", encoding: .utf8)) ?? "(no error log)"
    }
}
