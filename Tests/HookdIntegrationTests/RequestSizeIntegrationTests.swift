import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// A request too large for the daemon never leaves hookctl: it is refused with its size, the
/// daemon's limit (`--max-request-bytes`, which hookctl asks for) and what to do, or, for a
/// file of events, split into batches that fit.
struct RequestSizeIntegrationTests {
    @Test("a 5 MB publish is refused before sending: its size, the 4 MiB limit, and the 256 KiB data limit", .timeLimit(.minutes(1)))
    func oversizedPublish() async throws {
        try await withDaemon { daemon, _ in
            let file = try Self.bigData(in: daemon)
            let stderr = try await Hookctl(daemon).fail(
                ["events", "publish", "--account", "acc_1", "--type", "customer.created", "--data", "@" + file])
            #expect(stderr.contains("hookctl: the request is 4.8 MiB ("), "\(stderr)")
            #expect(
                stderr.contains("more than the 4 MiB (4194304 bytes) hookd reads in one call; nothing was sent"),
                "\(stderr)")
            #expect(stderr.contains("start it with --max-request-bytes 8MiB (or `max-request-bytes: 8MiB` in its --config file)"), "\(stderr)")
            #expect(stderr.contains("an event's data may be at most 256 KiB"), "\(stderr)")
            #expect(!daemon.log.contains("RPC frame over the size limit"))
        }
    }

    @Test("with --max-request-bytes 8MiB hookctl sends the 5 MB publish, and hookd names the data limit", .timeLimit(.minutes(1)))
    func raisedLimitIsLearned() async throws {
        try await withDaemon(arguments: ["--max-request-bytes", "8MiB"]) { daemon, client in
            let status = try await client.call(.daemonStatus, EmptyParams())
            #expect(status.maxRequestBytes == 8 << 20)
            let hookctl = Hookctl(daemon)
            try await hookctl.succeed(["accounts", "create", "acc_1"])
            try await hookctl.succeed(["event-types", "create", "customer.created"])
            let file = try Self.bigData(in: daemon)
            let stderr = try await hookctl.fail(
                ["events", "publish", "--account", "acc_1", "--type", "customer.created", "--data", "@" + file])
            #expect(stderr.contains("bytes; the limit is 262144 bytes"), "\(stderr)")
            #expect(!stderr.contains("nothing was sent"), "\(stderr)")
        }
    }

    @Test("apply over a 64 KiB limit from the config file is refused unsent, naming how to raise it or split", .timeLimit(.minutes(1)))
    func oversizedApply() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-size")
        defer { root.remove() }
        let config = root.path + "/hookd.conf"
        try "max-request-bytes: 64KiB\nallow-insecure-targets: true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await RunningDaemon.launch(
            arguments: ["--config", config, "--data-dir", root.path + "/data"], dataDirectory: root.path + "/data")
        do {
            try await Self.checkOversizedApply(daemon)
        } catch {
            print("hookd log:\n\(daemon.log)")
            await daemon.cleanUp()
            throw error
        }
        await daemon.cleanUp()
    }

    private static func checkOversizedApply(_ daemon: RunningDaemon) async throws {
        let manifests = Self.manifests(webhooks: 400)
        let stderr = try await Hookctl(daemon).fail(["apply", "-f", "-"], stdin: manifests)
        #expect(stderr.contains("more than the 64 KiB (65536 bytes) hookd reads in one call; nothing was sent"), "\(stderr)")
        #expect(stderr.contains("start it with --max-request-bytes 4MiB (or `max-request-bytes: 4MiB` in its --config file)"), "\(stderr)")
        #expect(stderr.contains("or apply the manifests in parts"), "\(stderr)")
        // diff sends the same desired state: the same refusal.
        let diff = try await Hookctl(daemon).run(["diff", "-f", "-"], stdin: manifests)
        #expect(diff.exitCode == 1 && diff.stderr.contains("nothing was sent"), "\(diff)")
        #expect(!daemon.log.contains("RPC frame over the size limit"), "\(daemon.log)")
        let status = try await daemon.client().call(.daemonStatus, EmptyParams())
        #expect(status.counts.webhooks == 0 && status.counts.accounts == 0)
    }

    @Test("publish --file splits batches that would be over the limit, and publishes every event", .timeLimit(.minutes(1)))
    func fileIsSplit() async throws {
        try await withDaemon(arguments: ["--max-request-bytes", "64KiB"]) { daemon, client in
            let hookctl = Hookctl(daemon)
            try await hookctl.succeed(["accounts", "create", "acc_1"])
            try await hookctl.succeed(["event-types", "create", "customer.created"])
            let note = String(repeating: "n", count: 2000)
            let lines = (0..<100).map { #"{"type":"customer.created","data":{"n":\#($0),"note":"\#(note)"}}"# }
            try await hookctl.succeed(["events", "publish", "--account", "acc_1", "--file", "-"], stdin: lines.joined(separator: "\n"))
            let status = try await client.call(.daemonStatus, EmptyParams())
            #expect(status.counts.events == 100)
            #expect(!daemon.log.contains("RPC frame over the size limit"))
        }
    }

    /// A 5 MB `data` object in a file beside the daemon's data.
    private static func bigData(in daemon: RunningDaemon) throws -> String {
        let file = (daemon.dataDirectory as NSString).deletingLastPathComponent + "/big.json"
        let big = #"{"blob":""# + String(repeating: "x", count: 5_000_000) + #""}"#
        try big.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// One account, one event type and `webhooks` webhooks, with descriptions long enough to
    /// make the desired state some hundred kilobytes.
    private static func manifests(webhooks: Int) -> String {
        var documents = [
            """
            apiVersion: hookd/v1
            kind: Account
            metadata: { name: acc_big }
            spec: { plan: { maxWebhooks: \(webhooks), eventTypes: ["*"] } }
            """,
            """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.created }
            spec: { description: New customer registers }
            """,
        ]
        let description = String(repeating: "Keeps the CRM in sync. ", count: 8)
        for index in 0..<webhooks {
            documents.append(
                """
                apiVersion: hookd/v1
                kind: Webhook
                metadata: { name: hook-\(index), account: acc_big }
                spec:
                  url: http://127.0.0.1:9/hooks/\(index)
                  events: [customer.created]
                  description: \(description)
                """)
        }
        return documents.joined(separator: "\n---\n")
    }
}
