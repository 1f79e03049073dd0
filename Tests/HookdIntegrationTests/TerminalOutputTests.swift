import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Tables fit 80 columns without cutting identifiers; colour only on a terminal, never with
/// `NO_COLOR`.
struct TerminalOutputTests {
    /// A daemon with a long-URL webhook, a delivered event and a described event type.
    func withSeededDaemon(_ body: (RunningDaemon, Hookctl, Delivery) async throws -> Void) async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await client.call(
                    .eventTypesCreate,
                    EventTypeCreateParams(
                        name: "loyalty.tier.changed",
                        description: "A customer moved up or down a loyalty tier after their points were recounted"))
                let url = receiver.url + "/a/rather/long/path/that/goes/on/and/on/for/quite/a/while?with=query"
                _ = try await Loyalty.webhook(client, name: "crm-sync-with-a-long-name", url: url, events: ["*"])
                let published = try await Loyalty.publish(client, type: "customer.created")
                let delivered = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
                try await body(daemon, Hookctl(daemon), delivered[0])
            }
        }
    }

    @Test("with COLUMNS=80 every table fits 80 columns and identifiers stay whole; piped without it nothing is cut")
    func eightyColumns() async throws {
        try await withSeededDaemon { _, hookctl, delivery in
            for command in [
                ["deliveries", "list"], ["webhooks", "list"], ["event-types", "list"], ["events", "list"],
                ["accounts", "list"],
            ] {
                let result = try await hookctl.run(command, environment: ["COLUMNS": "80"])
                #expect(result.exitCode == 0, "\(result)")
                for line in result.stdout.split(separator: "\n") {
                    #expect(line.count <= 80, "hookctl \(command.joined(separator: " ")): \(line.count) columns: \(line)")
                }
                if command == ["deliveries", "list"] {
                    #expect(result.stdout.contains(delivery.id))
                    #expect(result.stdout.contains("STATUS") && result.stdout.contains("delivered"))
                }
            }
            let narrow = try await hookctl.run(["webhooks", "list"], environment: ["COLUMNS": "80"]).stdout
            #expect(narrow.contains("…") && !narrow.contains("for/quite/a/while"))
            let piped = try await hookctl.succeed(["webhooks", "list"])
            #expect(piped.contains("for/quite/a/while?with=query"))
        }
    }

    @Test("statuses are coloured on a terminal; not with NO_COLOR, not when piped")
    func colour() async throws {
        try await withSeededDaemon { daemon, hookctl, _ in
            let command = "\(Binaries.path(of: "hookctl")) deliveries list --socket \(daemon.socketPath)"
            // Whatever the test runner's environment says about colour, this terminal wants it.
            let terminal = try await runCommand(
                "/usr/bin/script", ["-qec", "env -u NO_COLOR TERM=xterm " + command, "/dev/null"])
            #expect(terminal.exitCode == 0, "\(terminal)")
            #expect(terminal.stdout.contains("\u{1B}[32mdelivered\u{1B}[0m"), "\(terminal.stdout)")
            let noColor = try await runCommand(
                "/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["TERM": "xterm", "NO_COLOR": "1"])
            #expect(noColor.stdout.contains("delivered"))
            #expect(!noColor.stdout.contains("\u{1B}["), "\(noColor.stdout)")
            let piped = try await hookctl.succeed(["deliveries", "list"])
            #expect(!piped.contains("\u{1B}") && !piped.contains("\u{E000}"))
        }
    }
}
