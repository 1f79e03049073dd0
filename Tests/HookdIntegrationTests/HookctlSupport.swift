import Foundation
import HookdCore
import HookdTesting
import Testing

/// Runs the real `hookctl` binary against one daemon, the way an operator would.
struct Hookctl {
    let socket: String

    init(_ daemon: RunningDaemon) {
        socket = daemon.socketPath
    }

    /// Runs `arguments` (with `--socket` appended) and returns whatever happened.
    func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
    ) async throws
        -> CommandResult
    {
        let result = try await runHookctl(arguments, socket: socket, stdin: stdin, environment: environment)
        // Suite-wide: no command but `webhooks secret` prints a secret, whatever it is asked.
        if Array(arguments.prefix(2)) != ["webhooks", "secret"] {
            let leaked = SecretLeaks.find(in: result.stdout + result.stderr)
            #expect(leaked.isEmpty, "hookctl \(arguments.joined(separator: " ")) printed a secret: \(result)")
        }
        return result
    }

    /// Runs `arguments`, requires exit status 0 and returns stdout.
    @discardableResult
    func succeed(
        _ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await run(arguments, stdin: stdin)
        try #require(
            result.exitCode == 0, "hookctl \(arguments.joined(separator: " ")): \(result)",
            sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs `arguments` with `-o json`, requires success and decodes stdout as the API result.
    func json<Value: Decodable>(
        _ arguments: [String], as: Value.Type, stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Value {
        let stdout = try await succeed(arguments + ["-o", "json"], stdin: stdin, sourceLocation: sourceLocation)
        return try JSONCoding.decoder.decode(Value.self, from: Data(stdout.utf8))
    }

    /// Runs `arguments`, requires exit status 1 and nothing on stdout, and returns stderr.
    func fail(
        _ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await run(arguments, stdin: stdin)
        try #require(
            result.exitCode == 1, "hookctl \(arguments.joined(separator: " ")): \(result)",
            sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout of a failed command: \(result.stdout)", sourceLocation: sourceLocation)
        return result.stderr
    }
}

extension String {
    /// The lines of a table, each split into its cells (columns are 3+ spaces apart).
    var tableRows: [[String]] {
        split(separator: "\n").map { line in
            line.split(separator: #/ {3,}/#).map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }
}

/// Polls `check` (the daemon is another process: there is no event to await) until it
/// returns a value or `timeout` passes.
func eventually<T>(
    timeout: Duration = .seconds(20), _ what: String, _ check: () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await check() { return value }
        guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(100))
    }
}
