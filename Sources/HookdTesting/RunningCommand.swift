import Foundation

/// A program left running (a watch), its output captured in files so it can be read while
/// it runs, signalled and then awaited.
public final class RunningCommand: Sendable {
    private let process: Process
    private let scratch: TemporaryDirectory
    private let exit = ProcessExit()

    /// Starts `executable` with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        scratch = try TemporaryDirectory(prefix: "hookd-run")
        _ = FileManager.default.createFile(atPath: scratch.path + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path + "/err", contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch.path + "/err"))
        // The command has its own copies once started: these would leak into the test process.
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exit = exit
        process.terminationHandler = { finished in exit.ended(finished.terminationStatus) }
        try process.run()
    }

    /// Starts the built `hookctl` with `arguments` and `--socket socket`.
    public static func hookctl(_ arguments: [String], socket: String) throws -> RunningCommand {
        try RunningCommand(Binaries.path(of: "hookctl"), arguments + ["--socket", socket])
    }

    /// What it has printed so far.
    public var stdout: String { (try? String(contentsOfFile: scratch.path + "/out", encoding: .utf8)) ?? "" }
    /// What it has printed on stderr so far.
    public var stderr: String { (try? String(contentsOfFile: scratch.path + "/err", encoding: .utf8)) ?? "" }

    /// Polls its output (it is another process: there is no event to await) until `check`
    /// holds, up to `timeout`; throws with what it printed otherwise.
    public func waitUntil(
        timeout: Duration = .seconds(20), _ what: String, _ check: (_ stdout: String, _ stderr: String) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !check(stdout, stderr) {
            guard ContinuousClock.now < deadline, process.isRunning else {
                throw RunningCommandError(
                    description: "\(what) did not happen; stdout:\n\(stdout)\nstderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sends `signal` (SIGINT: Ctrl-C).
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for it to end and returns its exit status.
    public func exitStatus() async -> Int32 {
        await exit.code()
    }

    deinit {
        if process.isRunning { process.terminate() }
        scratch.remove()
    }
}
