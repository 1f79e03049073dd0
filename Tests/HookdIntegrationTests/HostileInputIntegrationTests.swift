import Foundation
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Hostile input reaching hookctl and the daemon ends in a clear error, in bounded time and
/// memory: alias bombs, oversized requests, too many or idle clients.
struct HostileInputIntegrationTests {
    @Test("hookctl validate refuses a 10-level billion laughs at once, with file:line:column")
    func billionLaughs() async throws {
        var lines = [
            "apiVersion: hookd/v1", "kind: EventType", "metadata: { name: laughs.happened }", "spec:", "  example:",
            #"    l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#,
        ]
        for level in 1..<10 {
            lines.append("    l\(level): &l\(level) [\(Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", "))]")
        }
        let result = try await runHookctl(["validate", "-f", "-"], socket: nil, stdin: lines.joined(separator: "\n"))
        #expect(result.exitCode == 1, "\(result)")
        #expect(result.stdout.contains("-:10:49: manifest too large: alias *l3 repeats 11111 nodes"), "\(result)")
    }
}
