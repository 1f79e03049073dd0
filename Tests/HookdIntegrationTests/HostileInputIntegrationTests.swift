import Foundation
import HookdAPI
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

/// The daemon's own bounds, as its flags set them.
struct DaemonBoundsIntegrationTests {
    @Test("--max-clients: hookctl over the cap gets a clear error, not a hang", .timeLimit(.minutes(1)))
    func maxClients() async throws {
        try await withDaemon(arguments: ["--max-clients", "1"]) { daemon, client in
            // `client` takes the one place once the start-up health check's connection has
            // gone (the daemon is another process: poll it).
            let deadline = ContinuousClock.now + .seconds(30)
            while (try? await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)) == nil {
                try #require(ContinuousClock.now < deadline, "no place for the test's client:\n\(daemon.log)")
                try await Task.sleep(for: .milliseconds(20))
            }
            let stderr = try await Hookctl(daemon).fail(["status"])
            #expect(stderr.contains("hookd serves at most 1 clients at once (--max-clients)"), "\(stderr)")
        }
    }

    @Test("--idle-timeout closes an idle connection with a notice; the client connects again", .timeLimit(.minutes(1)))
    func idleTimeout() async throws {
        // 3 s, not 1: under a loaded suite a client's reconnect and its request can take over
        // a second to be written, and the new connection would count as idle before it.
        try await withDaemon(arguments: ["--idle-timeout", "3s"]) { daemon, client in
            _ = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)
            let notice = try await client.exchange(rawLine: "", timeout: .seconds(30))
            #expect(notice?.contains(#""reason":"hookd.IdleTimeout""#) == true, "\(notice ?? "nothing")")
            _ = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)
        }
    }

    @Test("bad --max-clients, --idle-timeout and --max-request-bytes values are refused at start")
    func badFlags() async throws {
        for arguments in [
            ["--max-clients", "0"], ["--idle-timeout", "soon"], ["--max-request-bytes", "4MB"],
            ["--max-request-bytes", "1KiB"], ["--max-request-bytes", "2GiB"],
        ] {
            let result = try await runCommand(Binaries.path(of: "hookd"), arguments + ["--data-dir", "/nonexistent/x"])
            #expect(result.exitCode != 0)
            #expect(result.stderr.contains(arguments[0]), "\(result)")
        }
    }
}
