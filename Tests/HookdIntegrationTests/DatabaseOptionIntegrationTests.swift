import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookd --database`: the state in PostgreSQL instead of SQLite in the data directory, and a
/// clear refusal of a URL or a database hookd cannot use.
struct DatabaseOptionIntegrationTests {
    @Test("a malformed --database or HOOKD_DATABASE stops hookd at start, saying what is wrong (password hidden)")
    func badURL() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-database")
        defer { folder.remove() }
        let hookd = Binaries.path(of: "hookd")
        let scheme = try await runCommand(hookd, ["--data-dir", folder.path, "--database", "mysql://app:pw@db/hookd"])
        #expect(scheme.exitCode != 0)
        #expect(
            scheme.stderr.contains(
                "--database: cannot use database URL mysql://app:***@db/hookd: the scheme must be postgres:// or postgresql://, not mysql://"),
            "\(scheme)")
        #expect(!scheme.stderr.contains("app:pw"))
        let parameter = try await runCommand(
            hookd, ["--data-dir", folder.path], environment: ["HOOKD_DATABASE": "postgres://app@db/hookd?connect_timeout=3"])
        #expect(parameter.exitCode != 0)
        #expect(
            parameter.stderr.contains(
                "HOOKD_DATABASE: cannot use database URL postgres://app@db/hookd?connect_timeout=3: unknown parameter connect_timeout (hookd knows host, port and sslmode)"
            ), "\(parameter)")
    }

    @Test("--heartbeat-interval outside 100ms to 1m, or not an interval, stops hookd at start saying so")
    func heartbeatIntervalBounds() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-database")
        defer { folder.remove() }
        for (value, message) in [
            ("10ms", "--heartbeat-interval must be between 100ms and 1m"),
            ("2m", "--heartbeat-interval must be between 100ms and 1m"),
            ("soon", "--heartbeat-interval: "),
        ] {
            let result = try await runCommand(
                Binaries.path(of: "hookd"), ["--data-dir", folder.path, "--heartbeat-interval", value])
            #expect(result.exitCode != 0)
            #expect(result.stderr.contains(message), "\(value): \(result)")
        }
    }

    @Test("--list-dead-nodes-for over 24h, or not an interval, stops hookd at start saying so")
    func deadNodeListingBounds() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-database")
        defer { folder.remove() }
        for (value, message) in [
            ("25h", "--list-dead-nodes-for must be at most 24h: the database forgets dead nodes after a day"),
            ("later", "--list-dead-nodes-for: "),
        ] {
            let result = try await runCommand(
                Binaries.path(of: "hookd"), ["--data-dir", folder.path, "--list-dead-nodes-for", value])
            #expect(result.exitCode != 0)
            #expect(result.stderr.contains(message), "\(value): \(result)")
        }
    }

    @Test("--durability normal with --database is refused: PostgreSQL decides durability there")
    func durabilityIsSQLites() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-database")
        defer { folder.remove() }
        let result = try await runCommand(
            Binaries.path(of: "hookd"),
            ["--data-dir", folder.path, "--database", "postgres://hookd@127.0.0.1/hookd", "--durability", "normal"])
        #expect(result.exitCode != 0)
        #expect(
            result.stderr.contains(
                "--durability applies to SQLite only; with --database, PostgreSQL's synchronous_commit decides when a commit is durable"),
            "\(result)")
    }

    @Test("a database nobody answers for stops hookd at start with the URL and the reason, before the socket opens")
    func unreachable() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-database")
        defer { folder.remove() }
        let port = try RefusingPort()
        let result = try await runCommand(
            Binaries.path(of: "hookd"),
            ["--data-dir", folder.path, "--database", "postgresql://hookd:pw@127.0.0.1:\(port.port)/events"])
        #expect(result.exitCode == 1)
        #expect(
            result.stderr.contains(
                "hookd could not start: cannot connect to the database postgres://hookd:***@127.0.0.1:\(port.port)/events:"),
            "\(result)")
        #expect(result.stderr.contains("Connection refused"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/hookd.sock"))
    }

    @Test(
        "with --database the state lives in PostgreSQL: delivered from there, kept across daemons on fresh data directories, held under --node-id",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func stateInPostgres() async throws {
        let database = try await TestDatabase.create()
        let url = database.socketURL ?? database.url
        do {
            try await withReceiver { receiver in
                let silent = try await SilentEndpoint.start()
                let published: PublishedEvent
                do {
                    published = try await withDaemon(arguments: ["--database", url, "--node-id", "node-a"]) { _, client in
                        let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                        #expect(status.store == "postgres")
                        #expect(status.durability == nil)
                        try await Loyalty.seed(client)
                        _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                        _ = try await Loyalty.webhook(client, name: "slow", url: silent.url, events: ["customer.*"])
                        let published = try await Loyalty.publish(client, type: "customer.created")
                        #expect(published.deliveries == 2)
                        let request = try #require(try await receiver.waitForRequests(count: 1).first)
                        #expect(request.headers["webhook-id"] == published.event.id)
                        _ = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered, .pending])
                        // The attempt on the silent endpoint is under way: its delivery is held by this node.
                        try await waitUntil {
                            try await database.strings("SELECT lease_owner FROM deliveries WHERE status = 'pending'") == ["node-a"]
                        }
                        #expect(try await database.strings("SELECT id FROM queue_nodes") == ["node-a"])
                        return published
                    }
                } catch {
                    try? await silent.stop()
                    throw error
                }
                try await silent.stop()
                // Another daemon, another (empty) data directory, the same database.
                try await withDaemon(arguments: ["--database", url, "--node-id", "node-b"]) { _, client in
                    let webhooks = try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self)
                    #expect(webhooks.map(\.name).sorted() == ["crm", "slow"])
                    let event = try await client.call(.eventsGet, IdParams(id: published.event.id), as: EventDetail.self)
                    #expect(event.event.id == published.event.id)
                    // node-a stays listed (dead once silent), beside node-b.
                    #expect(try await database.strings("SELECT id FROM queue_nodes ORDER BY id") == ["node-a", "node-b"])
                }
            }
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}

/// Polls `condition` (a database another process writes: nothing to await) until it holds,
/// failing after `timeout`.
private func waitUntil(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("condition did not hold within \(timeout)")
}
