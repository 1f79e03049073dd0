import Foundation
import HookdCore
import HookdTesting
import Testing

/// The README's two walkthroughs, run as written, one after the other on one daemon.
@Suite("README walkthroughs")
struct ReadmeWalkthroughTests {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The commands of the README's first `sh` block that contains `marker`: continuation
    /// lines joined; comments, `alias` lines and lines with a placeholder (`dlv_...`) left out.
    static func commands(inBlockContaining marker: String) throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [[String]] = []
        var current: [String]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```sh" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!)
                current = nil
            } else {
                current?.append(line)
            }
        }
        let block = try #require(blocks.first { $0.contains { $0.contains(marker) } }, "no sh block with \(marker)")
        var commands: [String] = []
        var pending = ""
        for line in block {
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            commands.append(pending + line)
            pending = ""
        }
        return commands.filter { command in
            let text = command.trimmingCharacters(in: .whitespaces)
            return !text.isEmpty && !text.hasPrefix("#") && !text.hasPrefix("alias ") && !text.contains("...")
        }
    }

    @Test("the first delivery, then the loyalty example on the same daemon: only its event type is taken over, and only with --adopt")
    func walkthroughsInOrder() async throws {
        let quickstart = try Self.commands(inBlockContaining: "hookctl accounts create")
        let loyalty = try Self.commands(inBlockContaining: "-f examples/loyalty")
        try #require(quickstart.count >= 5 && loyalty.contains { $0.hasPrefix("hookctl apply") }, "\(quickstart) \(loyalty)")
        let publish = try #require(quickstart.first { $0.hasPrefix("hookctl events publish") })

        try await withDaemon { daemon, _ in
            // A working copy with the example and the two secrets its README asks for.
            let scratch = try TemporaryDirectory(prefix: "readme")
            defer { scratch.remove() }
            try FileManager.default.createDirectory(atPath: scratch.path + "/examples", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: Self.root.appendingPathComponent("examples/loyalty").path, toPath: scratch.path + "/examples/loyalty")
            try (WebhookSecret.generate().text + "\n").write(
                toFile: scratch.path + "/examples/loyalty/secrets/reward-fulfilment.secret", atomically: true, encoding: .utf8)
            let environment = [
                "PATH": Binaries.directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "HOOKD_SOCKET": daemon.socketPath, "CRM_WEBHOOK_SECRET": WebhookSecret.generate().text,
            ]
            func run(_ command: String) async throws -> CommandResult {
                try await runCommand("/bin/sh", ["-c", "cd '\(scratch.path)' && \(command)"], environment: environment)
            }

            for command in quickstart {
                let result = try await run(command)
                try #require(result.exitCode == 0, "\(command): \(result)")
            }
            for command in loyalty {
                let result = try await run(command)
                let expected: Int32 = command.hasPrefix("hookctl diff") ? 2 : 0
                try #require(result.exitCode == expected, "\(command): \(result)")
                // The one thing both declare is the catalog's customer.created: marked, and
                // taken over only by the README's `apply --adopt`; nothing else of the first.
                let marked = result.stdout.split(separator: "\n").filter { $0.contains("made by hand") }
                #expect(marked.allSatisfy { $0.contains("EventType customer.created") }, "\(command): \(result)")
                if command.hasPrefix("hookctl diff") {
                    #expect(marked.count == 1, "\(command): \(result)")
                }
                if command.hasPrefix("hookctl apply") {
                    #expect(command.contains("--adopt"), "the README applies without --adopt: \(command)")
                    #expect(
                        result.stdout.contains(#/Apply complete: [1-9][0-9]* added, 1 changed, 0 deleted\./#),
                        "\(command): \(result)")
                    let refused = try await run(command.replacingOccurrences(of: " --adopt", with: ""))
                    #expect(refused.exitCode == 0, "after adoption nothing is left to take over: \(refused)")
                }
            }
            // The first walkthrough still works as written after the second.
            let again = try await run(publish)
            #expect(again.exitCode == 0, "\(publish): \(again)")
        }
    }
}
