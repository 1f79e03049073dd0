import Foundation
import HookdAPI
import HookdRPC
import NIOPosix

/// A real `hookd` process on a temporary data directory, for integration tests.
public final class RunningDaemon: Sendable {
    /// The data directory (also holds the socket).
    public let dataDirectory: String
    /// The daemon's socket.
    public let socketPath: String
    /// Where the daemon's stdout and stderr go.
    public let logPath: String
    private let process: Process
    private let root: TemporaryDirectory?
    /// How this process was started, so ``restarted()`` can start the same daemon again.
    private let recipe: LaunchRecipe

    private init(
        process: Process, dataDirectory: String, socketPath: String, logPath: String, root: TemporaryDirectory?,
        recipe: LaunchRecipe
    ) {
        self.process = process
        self.dataDirectory = dataDirectory
        self.socketPath = socketPath
        self.logPath = logPath
        self.root = root
        self.recipe = recipe
    }

    /// A daemon whose test ended without stopping it (a failed expectation threw first) is
    /// killed, so it cannot outlive the test run holding a socket and a CPU.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts `hookd` and returns once its socket answers `Daemon.Health`.
    ///
    /// - Parameters:
    ///   - dataDirectory: reuse a directory (to test restarts); a fresh one when `nil`.
    ///   - allowInsecureTargets: passes `--allow-insecure-targets` so loopback receivers work.
    ///   - arguments: further daemon arguments.
    ///   - logLevel: the daemon's `--log-level` (benchmarks pass `info`, so logging costs
    ///     what it costs in production).
    ///
    /// With `HOOKD_TEST_DAEMON_STORE=postgres` in the environment the daemon keeps its state
    /// in a fresh database of its own on the PostgreSQL test cluster (`--database`, see
    /// `TestPostgres`), dropped by ``cleanUp()``: `scripts/test` runs the delivery
    /// integration tests once more that way.
    public static func start(
        dataDirectory: String? = nil, allowInsecureTargets: Bool = true, arguments: [String] = [],
        logLevel: String = "debug"
    ) async throws -> RunningDaemon {
        let root = dataDirectory == nil ? try TemporaryDirectory(prefix: "hookd") : nil
        let data = dataDirectory ?? root!.path + "/data"
        // The database goes with the data directory, so a daemon started again on the same
        // directory finds the same state, as on SQLite.
        let database = TestPostgres.daemonsUsePostgres ? try await TestDatabase.create(for: data) : nil
        // A node id that goes with the directory too, so a restart frees what the killed
        // process held at once instead of after its heartbeat lapses (as with --node-id in a
        // systemd unit).
        let node = database.map { ["--database", $0.url] + (arguments.contains("--node-id") ? [] : ["--node-id", $0.name]) }
        var recipe = LaunchRecipe(
            arguments: ["--data-dir", data] + (allowInsecureTargets ? ["--allow-insecure-targets"] : []) + arguments
                + (node ?? []) + ["--log-level", logLevel],
            dataDirectory: data, environment: [:], workingDirectory: nil)
        recipe.database = database
        // Dropped with the directory only when this daemon made it (see `cleanUp()`).
        recipe.ownsDatabase = root != nil
        return try await launch(recipe, root: root)
    }

    /// Starts `hookd` with exactly `arguments` (plus `--log-level`, `debug` unless told), in
    /// `workingDirectory` with `environment` added, expecting its data (and socket) in
    /// `dataDirectory`: for testing how the daemon finds its defaults.
    public static func launch(
        arguments: [String], dataDirectory: String, environment: [String: String] = [:],
        workingDirectory: String? = nil, root: TemporaryDirectory? = nil, logLevel: String = "debug"
    ) async throws -> RunningDaemon {
        try await launch(
            LaunchRecipe(
                arguments: arguments + ["--log-level", logLevel], dataDirectory: dataDirectory,
                environment: environment, workingDirectory: workingDirectory),
            root: root)
    }

    private static func launch(_ recipe: LaunchRecipe, root: TemporaryDirectory?) async throws -> RunningDaemon {
        let logFolder = root?.path ?? (recipe.dataDirectory as NSString).deletingLastPathComponent
        let logPath = logFolder + "/hookd-\(UUID().uuidString.prefix(6)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))

        let process = Process()
        let hookd = Binaries.path(of: "hookd")
        if FileManager.default.isExecutableFile(atPath: Self.setpriv) {
            // The daemon dies with the test process, however that ends: a crashed or killed
            // run once left 558 daemons behind, and every later run failed on time limits.
            // `setpriv` asks for SIGKILL when the launching thread's process goes, then
            // execs hookd under the same pid.
            process.executableURL = URL(fileURLWithPath: Self.setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", hookd] + recipe.arguments
        } else {
            process.executableURL = URL(fileURLWithPath: hookd)
            process.arguments = recipe.arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(recipe.environment) { _, new in new }
        if let workingDirectory = recipe.workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        // The parent death signal follows the thread that forked, not the process: launch
        // from a thread that lives as long as the test process (the cooperative pool's
        // threads end when idle, and would take the daemon with them).
        try await Self.launcher.runIfActive { try process.run() }
        // The daemon has its own copy; keeping this one open would leak a descriptor per
        // daemon into the process that runs every test.
        try? log.close()

        let daemon = RunningDaemon(
            process: process, dataDirectory: recipe.dataDirectory, socketPath: recipe.socketPath,
            logPath: logPath, root: root, recipe: recipe)
        try await daemon.waitUntilHealthy()
        return daemon
    }

    /// The thread daemons are launched from: its own, so tests that block threads of NIO's
    /// shared pool never hold up a launch; started once and never stopped.
    static let launcher: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    /// util-linux's `setpriv`, which sets the daemon's parent death signal before it execs.
    static let setpriv = "/usr/bin/setpriv"

    /// Starts the same daemon again (same arguments, same data directory) once this one
    /// has exited, as a supervisor would after a crash; returns when the new one answers.
    ///
    /// The new daemon takes over the temporary directory: clean up the last one started.
    /// - Throws: ``DaemonLaunchError/stillRunning`` when this process has not exited.
    public func restarted() async throws -> RunningDaemon {
        guard !process.isRunning else { throw DaemonLaunchError.stillRunning(pid: pid) }
        return try await Self.launch(recipe, root: root)
    }

    /// Polls the socket until the daemon answers (it is a separate process: there is no
    /// event to await), failing with the daemon's log if it exits or takes over 30 s.
    private func waitUntilHealthy() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw DaemonLaunchError.exited(status: process.terminationStatus, log: log) }
            if FileManager.default.fileExists(atPath: socketPath) {
                let client = RPCClient(socketPath: socketPath)
                let healthy = (try? await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)) != nil
                await client.close()
                if healthy { return }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DaemonLaunchError.notReady(log: log)
    }

    /// A new client connected to this daemon.
    public func client() -> RPCClient {
        RPCClient(socketPath: socketPath)
    }

    /// Everything the daemon logged so far.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The daemon's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    @discardableResult
    public func stop() async throws -> Int32 {
        try await signal(SIGTERM)
    }

    /// Sends SIGKILL (a crash) and waits for the process to go.
    public func kill() async throws {
        _ = try await signal(SIGKILL)
    }

    /// Sends `signal` and waits for the process to exit; returns its exit status (or the
    /// signal's number when the signal ended it).
    @discardableResult
    public func signal(_ signal: Int32) async throws -> Int32 {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw DaemonLaunchError.didNotExit(log: log) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Stops the daemon if still running and removes its temporary directory (with the
    /// PostgreSQL database that goes with it, when it had one).
    public func cleanUp() async {
        _ = try? await signal(SIGKILL)
        root?.remove()
        if recipe.ownsDatabase { await recipe.database?.drop() }
    }
}

/// What starting one test daemon took: enough to start it again on the same data.
private struct LaunchRecipe: Sendable {
    var arguments: [String]
    var dataDirectory: String
    var environment: [String: String]
    var workingDirectory: String?
    /// The PostgreSQL database of this daemon's data directory; `nil` on SQLite.
    var database: TestDatabase?
    /// Whether `cleanUp()` drops `database`: the daemon made its data directory.
    var ownsDatabase = false

    /// Where the daemon listens: the `--socket` among the arguments, else in the data
    /// directory.
    var socketPath: String {
        if let flag = arguments.firstIndex(of: "--socket"), flag + 1 < arguments.count { return arguments[flag + 1] }
        return dataDirectory + "/hookd.sock"
    }
}

/// Why a test daemon could not be used.
public enum DaemonLaunchError: Error, CustomStringConvertible {
    case exited(status: Int32, log: String)
    case notReady(log: String)
    case didNotExit(log: String)
    case stillRunning(pid: Int32)

    public var description: String {
        switch self {
        case .stillRunning(let pid): "hookd (pid \(pid)) is still running: stop or kill it before restarting"
        case .exited(let status, let log): "hookd exited with status \(status) while starting:\n\(log)"
        case .notReady(let log): "hookd did not answer within 30 s:\n\(log)"
        case .didNotExit(let log): "hookd did not exit within 30 s:\n\(log)"
        }
    }
}
