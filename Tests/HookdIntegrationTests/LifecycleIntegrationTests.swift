import Foundation
import GRDB
import HookdAPI
import Synchronization
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("daemon lifecycle")
struct LifecycleIntegrationTests {
    @Test("pending work survives a crash and is sent again with the same webhook-id and body")
    func survivesCrash() async throws {
        let answer = StatusSwitch(503)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { receiver in
            let root = try TemporaryDirectory(prefix: "hookd-crash")
            defer { root.remove() }
            let dataDirectory = root.path + "/data"

            let first = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let client = first.client()
            try await Loyalty.seed(client)
            // Retries to spare: a test stalled before the kill sees another failed retry,
            // not an exhausted delivery.
            _ = try await Loyalty.webhook(
                client, name: "crm", url: receiver.url, events: ["*"], retry: Array(repeating: "2s", count: 8))
            let published = try await Loyalty.publish(client, type: "customer.created")
            let firstTry = try #require(try await receiver.waitForRequests(count: 1).first)
            // Crash only once the failed attempt is on disk, so the restart must resume a
            // scheduled retry (a crash before that would resend attempt 1: also correct).
            _ = try await waitForDelivery(client, eventId: published.event.id, statuses: [.scheduled])
            await client.close()
            try await first.kill()

            answer.set(200)
            let second = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let again = second.client()
            let delivered = try await waitForDelivery(again, eventId: published.event.id, statuses: [.delivered])
            // Every request, the dead daemon's and the restarted one's, is the same event.
            let requests = receiver.requests
            #expect(requests.count >= 2)
            for request in requests.dropFirst() {
                #expect(request.headers["webhook-id"] == published.event.id)
                #expect(request.headers["webhook-id"] == firstTry.headers["webhook-id"])
                #expect(request.body == firstTry.body)
            }
            // The restart resumed the scheduled retry rather than starting over: the recorded
            // attempts are the failures before the crash plus the one that delivered (an
            // attempt cut short by the kill is not recorded, and is sent again).
            #expect(delivered[0].attempts >= 2 && delivered[0].attempts <= requests.count)
            let attempts = try await again.call(.deliveriesGet, IdParams(id: delivered[0].id), as: DeliveryDetail.self).attempts
            #expect(attempts.map(\.number) == Array(1...attempts.count) && attempts.last?.statusCode == 200)
            await again.close()
            #expect(try await second.stop() == 0)
        }
    }

    @Test("SIGTERM shuts down cleanly, removes the socket, and state is there after a restart")
    func gracefulShutdown() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-term")
        defer { root.remove() }
        let dataDirectory = root.path + "/data"
        let daemon = try await RunningDaemon.start(dataDirectory: dataDirectory)
        let client = daemon.client()
        try await Loyalty.seed(client)
        await client.close()
        #expect(try await daemon.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        #expect(daemon.log.contains("listening"))
        #expect(daemon.log.contains(daemon.socketPath))

        let restarted = try await RunningDaemon.start(dataDirectory: dataDirectory)
        let again = restarted.client()
        let accounts = try await again.call(.accountsList, EmptyParams(), as: [Account].self)
        #expect(accounts.map(\.name) == [Loyalty.account])
        await again.close()
        #expect(try await restarted.stop() == 0)
    }

    @Test("the socket is private (0600); a second daemon never steals a live socket or shares a data directory")
    func socketOwnership() async throws {
        try await withDaemon { daemon, client in
            let attributes = try FileManager.default.attributesOfItem(atPath: daemon.socketPath)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let second = try await runCommand(
                Binaries.path(of: "hookd"), ["--data-dir", daemon.dataDirectory + "-other", "--socket", daemon.socketPath])
            #expect(second.exitCode != 0)
            #expect(second.stderr.contains("already"))
            let sameData = try await runCommand(
                Binaries.path(of: "hookd"), ["--data-dir", daemon.dataDirectory, "--socket", daemon.dataDirectory + "/b.sock"])
            #expect(sameData.exitCode != 0)
            #expect(sameData.stderr.contains("already using the data directory"))
            #expect(sameData.stderr.contains("pid \(daemon.pid)"))
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            #expect(status.pid == daemon.pid)
        }
    }

    @Test("with no options the daemon uses ./.hookd; HOOKD_DATA_DIR moves it")
    func dataDirectoryDefaults() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-defaults")
        defer { root.remove() }
        let byDefault = try await RunningDaemon.launch(
            arguments: [], dataDirectory: root.path + "/.hookd", workingDirectory: root.path)
        #expect(FileManager.default.fileExists(atPath: root.path + "/.hookd/hookd.sqlite"))
        #expect(try await byDefault.stop() == 0)

        let byEnvironment = try await RunningDaemon.launch(
            arguments: [], dataDirectory: root.path + "/env-data", environment: ["HOOKD_DATA_DIR": root.path + "/env-data"],
            workingDirectory: root.path)
        let client = byEnvironment.client()
        let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
        #expect(status.dataDir == root.path + "/env-data")
        #expect(status.allowInsecureTargets == false)
        await client.close()
        #expect(try await byEnvironment.stop() == 0)
    }

    @Test("SIGTERM does not wait on a hanging endpoint past the grace; the abandoned attempt is resent after restart")
    func shutdownGrace() async throws {
        let hanging = StatusSwitch(1)
        try await withReceiver(responder: { _ in
            ReceiverResponse(status: 200, delay: hanging.status == 1 ? .seconds(120) : nil)
        }) { receiver in
            let root = try TemporaryDirectory(prefix: "hookd-grace")
            defer { root.remove() }
            let dataDirectory = root.path + "/data"
            let first = try await RunningDaemon.start(dataDirectory: dataDirectory, arguments: ["--shutdown-grace", "500ms"])
            let client = first.client()
            try await Loyalty.seed(client)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(account: Loyalty.account, name: "hang", url: receiver.url, events: ["*"], timeout: "5m"),
                as: WebhookView.self)
            let published = try await Loyalty.publish(client, type: "reward.issued")
            _ = try await receiver.waitForRequests(count: 1)
            await client.close()
            #expect(try await first.stop() == 0)
            #expect(first.log.contains("abandoning attempts still under way"))

            hanging.set(0)
            let second = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let again = second.client()
            let requests = try await receiver.waitForRequests(count: 2)
            #expect(requests[1].headers["webhook-id"] == published.event.id)
            let delivered = try await waitForDelivery(again, eventId: published.event.id, statuses: [.delivered])
            #expect(delivered[0].attempts == 1)
            await again.close()
            #expect(try await second.stop() == 0)
        }
    }

    @Test("history past --retention is pruned; unfinished work is kept")
    func retention() async throws {
        try await withReceiver { receiver in
            let root = try TemporaryDirectory(prefix: "hookd-retention")
            defer { root.remove() }
            let dataDirectory = root.path + "/data"
            let first = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let client = first.client()
            try await Loyalty.seed(client)
            _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.created"])
            _ = try await Loyalty.webhook(client, name: "off", url: receiver.url, events: ["reward.issued"], retry: ["1h"])
            let delivered = try await Loyalty.publish(client, type: "customer.created")
            _ = try await waitForDelivery(client, eventId: delivered.event.id, statuses: [.delivered])
            receiver.respond { _ in ReceiverResponse(status: 500) }
            let waiting = try await Loyalty.publish(client, type: "reward.issued")
            _ = try await waitForDelivery(client, eventId: waiting.event.id, statuses: [.scheduled])
            await client.close()
            #expect(try await first.stop() == 0)

            // Let both events age past a one-second retention (wall-clock age is the point here).
            try await Task.sleep(for: .milliseconds(1100))
            let second = try await RunningDaemon.start(dataDirectory: dataDirectory, arguments: ["--retention", "1s"])
            let again = second.client()
            let deadline = ContinuousClock.now + .seconds(20)
            while (try? await again.call(.eventsGet, IdParams(id: delivered.event.id), as: EventDetail.self)) != nil {
                guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "old event was not pruned") }
                try await Task.sleep(for: .milliseconds(50))
            }
            let kept = try await again.call(.eventsGet, IdParams(id: waiting.event.id), as: EventDetail.self)
            #expect(kept.deliveries.map(\.status) == [.scheduled])
            #expect(second.log.contains("pruned history past retention"))
            await again.close()
            #expect(try await second.stop() == 0)
        }
    }

    @Test("a shutdown in the middle of pruning is logged as an interruption, not an error; the next start prunes the rest")
    func shutdownDuringPruning() async throws {
        try await withReceiver { receiver in
            let root = try TemporaryDirectory(prefix: "hookd-prune-stop")
            defer { root.remove() }
            let dataDirectory = root.path + "/data"
            let first = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let client = first.client()
            try await Loyalty.seed(client)
            let webhook = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
            await client.close()
            #expect(try await first.stop() == 0)

            // 300,000 delivered events a year old: pruning them (in batches of 1,000, each
            // its own synced transaction, deliveries going by cascade) takes far longer than
            // starting the daemon and stopping it again.
            let count = 300_000
            let yearAgo = Int64(Date().addingTimeInterval(-365 * 86_400).timeIntervalSince1970 * 1000)
            let store = try DatabaseQueue(path: dataDirectory + "/hookd.sqlite")
            try await store.write { db in
                try db.execute(
                    sql: """
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                        INSERT INTO events (id, sequence, account, type, timestamp, data, body)
                        SELECT printf('evt_old_%06d', i), 1000000 + i, ?, 'customer.created', ?, '{}', X'7B7D' FROM n
                        """,
                    arguments: [count, Loyalty.account, yearAgo])
                try db.execute(
                    sql: """
                        INSERT INTO deliveries (id, event_id, event_type, account, webhook_id, webhook_name, status,
                            attempts, created, updated)
                        SELECT 'dlv_' || substr(id, 5), id, type, account, ?, 'crm', 'delivered', 1, timestamp, timestamp
                        FROM events WHERE id LIKE 'evt_old_%'
                        """,
                    arguments: [webhook.view.id])
            }
            try store.close()

            // Stopped as soon as it serves: the prune that starts with it is under way.
            let second = try await RunningDaemon.start(dataDirectory: dataDirectory)
            #expect(try await second.stop() == 0)
            #expect(second.log.contains("pruning stopped by shutdown; the rest is pruned at the next start"), "\(second.log)")
            #expect(!second.log.contains("could not prune history"), "\(second.log)")
            #expect(!second.log.contains(" error "), "\(second.log)")
            let left = try await DatabaseQueue(path: dataDirectory + "/hookd.sqlite").read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE id LIKE 'evt_old_%'") ?? 0
            }
            #expect(left > 0, "the prune was not under way at the shutdown: \(left) old events left")

            // The next start prunes the rest.
            let third = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let again = third.client()
            let deadline = ContinuousClock.now + .seconds(120)
            while (try? await again.call(.eventsGet, IdParams(id: "evt_old_\(String(count))"), as: EventDetail.self)) != nil {
                guard ContinuousClock.now < deadline else { throw WaitTimeout(description: "old events were not pruned") }
                try await Task.sleep(for: .milliseconds(100))
            }
            await again.close()
            #expect(try await third.stop() == 0)
        }
    }

    @Test("bad daemon options are refused before anything starts", arguments: [
        ["--retention", "soon"], ["--retention", "0s"], ["--shutdown-grace", "x"], ["--max-in-flight", "0"],
        ["--durability", "fast"],
    ])
    func badOptions(arguments: [String]) async throws {
        let root = try TemporaryDirectory(prefix: "hookd-badopt")
        defer { root.remove() }
        let result = try await runCommand(Binaries.path(of: "hookd"), ["--data-dir", root.path + "/data"] + arguments)
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains(arguments[0]))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/data"))
    }

    @Test("Daemon.Status reports where the daemon lives and what it holds")
    func status() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            #expect(status.version == HookdVersion.current)
            #expect(status.durability == "full")
            #expect(status.socket == daemon.socketPath)
            #expect(status.dataDir == daemon.dataDirectory)
            #expect(status.counts.accounts == 1)
            #expect(status.counts.eventTypes == Loyalty.eventTypes.count + OperationalEvent.catalog.count)
            #expect(Set(status.counts.deliveries.keys) == Set(DeliveryStatus.allCases.map(\.rawValue)))
        }
    }
}

/// The HTTP status a test receiver answers with, switchable mid-test.
final class StatusSwitch: Sendable {
    private let value: Mutex<Int>
    init(_ status: Int) { value = Mutex(status) }
    var status: Int { value.withLock { $0 } }
    func set(_ status: Int) { value.withLock { $0 = status } }
}

extension LifecycleIntegrationTests {
    @Test("--durability normal is what the daemon runs with and says, and what hookctl status shows")
    func durabilityNormal() async throws {
        try await withDaemon(arguments: ["--durability", "normal"]) { daemon, client in
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            #expect(status.durability == "normal")
            let shown = try await runHookctl(["status"], socket: daemon.socketPath)
            #expect(shown.stdout.contains("sqlite, durability normal"), "\(shown)")
        }
    }
}
