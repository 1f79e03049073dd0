import Foundation

/// A long-running program started for a test (`hookctl listen`, an example receiver, a
/// launcher), its stdout and stderr going to one file that the test reads as it grows.
public final class RunningProgram: Sendable {
    /// Where the program's output goes.
    public let outputPath: String
    private let process: Process
    private let scratch: TemporaryDirectory

    private init(process: Process, outputPath: String, scratch: TemporaryDirectory) {
        self.process = process
        self.outputPath = outputPath
        self.scratch = scratch
    }

    /// A program whose test ended without stopping it is killed with it.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        scratch.remove()
    }

    /// Starts `executable` with `arguments`, `environment` added to this process's.
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws -> RunningProgram {
        let scratch = try TemporaryDirectory(prefix: "hookd-prog")
        let outputPath = scratch.path + "/output"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The program has its own copy; this one would leak into the test process.
        try? output.close()
        return RunningProgram(process: process, outputPath: outputPath, scratch: scratch)
    }

    /// Everything the program printed so far.
    public var output: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// The program's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Whether the program is still running.
    public var isRunning: Bool { process.isRunning }

    /// Waits until the output satisfies `condition` and returns it, polling (the program is
    /// another process: there is nothing to await); fails with the output when the program
    /// exits first or `timeout` passes.
    @discardableResult
    public func waitForOutput(
        _ expectation: String, timeout: Duration = .seconds(30), until condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let text = output
            if condition(text) { return text }
            guard process.isRunning else {
                throw ProgramError("the program exited (status \(process.terminationStatus)) before \(expectation):\n\(text)")
            }
            guard ContinuousClock.now < deadline else {
                throw ProgramError("no \(expectation) within \(timeout):\n\(text)")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Waits until the output contains `text`.
    @discardableResult
    public func waitForOutput(containing text: String, timeout: Duration = .seconds(30)) async throws -> String {
        try await waitForOutput("\"\(text)\" in the output", timeout: timeout) { $0.contains(text) }
    }

    /// Waits for the program to exit on its own; returns its exit status.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw ProgramError("the program did not exit within \(timeout):\n\(output)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Sends `signal` (SIGTERM unless told) and waits for the exit; returns the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) async throws -> Int32 {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
        return try await waitForExit()
    }
}

/// A test program did not do what was expected of it.
public struct ProgramError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
