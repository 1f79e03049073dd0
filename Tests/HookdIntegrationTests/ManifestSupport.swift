import Foundation
import HookdCore
import HookdTesting
import Testing

/// A folder of manifests for one test, and hookctl runs against them.
struct ManifestWorkspace {
    let directory: TemporaryDirectory
    let hookctl: Hookctl
    /// The environment manifest secrets are read from.
    var environment: [String: String] = [:]

    init(_ daemon: RunningDaemon) throws {
        directory = try TemporaryDirectory(prefix: "manifests")
        hookctl = Hookctl(daemon)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: directory.path + "/" + name)
    }

    /// Runs hookctl with the workspace's environment.
    func run(_ arguments: [String], stdin: String? = nil) async throws -> CommandResult {
        try await hookctl.run(arguments, stdin: stdin, environment: environment)
    }

    /// Runs hookctl, requires `exitCode` and returns the result.
    @discardableResult
    func expect(
        _ exitCode: Int32, _ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandResult {
        let result = try await run(arguments, stdin: stdin)
        try #require(
            result.exitCode == exitCode, "hookctl \(arguments.joined(separator: " ")): \(result)",
            sourceLocation: sourceLocation)
        return result
    }

    /// Runs hookctl with `-o json`, requires `exitCode` and decodes stdout.
    func json<Value: Decodable>(
        _ exitCode: Int32, _ arguments: [String], as: Value.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Value {
        let result = try await expect(exitCode, arguments + ["-o", "json"], sourceLocation: sourceLocation)
        return try JSONCoding.decoder.decode(Value.self, from: Data(result.stdout.utf8))
    }

    func cleanUp() {
        directory.remove()
    }
}

/// Manifest texts the tests compose.
enum Manifests {
    static func account(_ name: String, maxWebhooks: Int? = nil) -> String {
        """
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: \(name) }
        spec:
          plan: { \(maxWebhooks.map { "maxWebhooks: \($0), " } ?? "")eventTypes: ["*"] }

        """
    }

    static func eventType(_ name: String) -> String {
        """
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: \(name) }
        spec: { description: \(name) happened }

        """
    }

    static func webhook(
        _ name: String, account: String = "acc_1", url: String, events: [String], extra: String = ""
    ) -> String {
        """
        apiVersion: hookd/v1
        kind: Webhook
        metadata: { name: \(name), account: \(account) }
        spec:
          url: \(url)
          events: [\(events.joined(separator: ", "))]
        \(extra.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    /// Documents joined into one multi-document file.
    static func join(_ documents: String...) -> String {
        documents.joined(separator: "---\n")
    }
}
