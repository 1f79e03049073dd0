import Foundation

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable, CustomStringConvertible {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs a program to completion, feeding `stdin`, and captures its output through files
/// (so a chatty program can never block on a full pipe).
public func runCommand(
    _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
) async throws -> CommandResult {
    let scratch = try TemporaryDirectory(prefix: "hookd-cmd")
    defer { scratch.remove() }
    let outPath = scratch.path + "/out"
    let errPath = scratch.path + "/err"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    // Closed here, not left to Foundation: unclosed, every command left two descriptors open
    // in the test process (892 in one run), and Foundation's Process.run() crashed once
    // there were over 1,300.
    defer {
        try? out.close()
        try? err.close()
    }
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input

    let exitCode: Int32 = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
        do {
            try process.run()
            if let stdin {
                input.fileHandleForWriting.write(Data(stdin.utf8))
                try? input.fileHandleForWriting.close()
            }
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    return CommandResult(
        exitCode: exitCode,
        stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Runs the built `hookctl` with `arguments`, adding `--socket socket` when given.
public func runHookctl(
    _ arguments: [String], socket: String?, stdin: String? = nil, environment: [String: String] = [:]
) async throws -> CommandResult {
    let full = arguments + (socket.map { ["--socket", $0] } ?? [])
    return try await runCommand(Binaries.path(of: "hookctl"), full, stdin: stdin, environment: environment)
}
