import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookd copy-store`: a SQLite store built by a running daemon, copied into PostgreSQL,
/// serves the same history there and its unfinished work is sent; a non-empty target, a
/// daemon on either side and a bad store are refused, changing nothing.
@Suite("hookd copy-store")
struct CopyStoreIntegrationTests {
    /// Runs `hookd copy-store` with `arguments`.
    static func copyStore(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(Binaries.path(of: "hookd"), ["copy-store"] + arguments)
    }

    @Test(
        "a sealed SQLite store copied into PostgreSQL lists the same webhooks, events, deliveries, attempts and audit log there, and its abandoned attempt is sent",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func sqliteToPostgres() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-copy")
        defer { root.remove() }
        let database = try await TestDatabase.create()
        do {
            try await copyAndCompare(root: root, database: database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    private func copyAndCompare(root: TemporaryDirectory, database: TestDatabase) async throws {
        let data = root.path + "/data"
        let key = try await SecretsAtRestIntegrationTests.newKey(in: root.path, named: "secret.key")
        let hanging = StatusSwitch(1)
        try await withReceiver(responder: { request in
            if request.uri.hasSuffix("/legacy") || request.uri.hasSuffix("/later") { return ReceiverResponse(status: 500) }
            if request.uri.hasSuffix("/billing") && hanging.status == 1 {
                return ReceiverResponse(status: 200, delay: .seconds(120))
            }
            return ReceiverResponse(status: 200)
        }) { receiver in
            let sqlite = try await RunningDaemon.launch(
                arguments: [
                    "--data-dir", data, "--allow-insecure-targets", "--secret-key-file", key, "--shutdown-grace", "500ms",
                ], dataDirectory: data)
            let building = sqlite.client()
            let before = try await CopiedHistory.build(building, receiver: receiver)
            await building.close()

            // Beside the running daemon nothing is copied.
            let beside = try await Self.copyStore(["--from", "sqlite:\(data)", "--to", database.url])
            #expect(beside.exitCode == 1)
            #expect(beside.stderr.contains("already using the data directory \(data)"), "\(beside)")
            #expect(try await database.strings("SELECT to_regclass('accounts')::text") == [nil])
            #expect(try await sqlite.stop() == 0)

            let copied = try await Self.copyStore(["--from", "sqlite:\(data)", "--to", database.url])
            #expect(copied.exitCode == 0, "\(copied)")
            #expect(copied.stdout.contains("webhooks: 5,"), "\(copied)")
            #expect(copied.stdout.contains(before.copiedCounts), "\(copied)")
            #expect(copied.stdout.contains("webhook secrets stay sealed with key"), "\(copied)")
            #expect(try await database.strings("SELECT count(*)::text FROM deliveries WHERE lease_owner IS NOT NULL") == ["0"])

            hanging.set(0)
            let moved = root.path + "/moved"
            let postgres = try await RunningDaemon.launch(
                arguments: [
                    "--data-dir", moved, "--allow-insecure-targets", "--secret-key-file", key, "--database", database.url,
                ], dataDirectory: moved)
            let client = postgres.client()
            #expect(try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self).store == "postgres")
            try await before.expectSame(on: client, receiver: receiver)

            // A daemon on the target, then a target that holds the copy: both refused, nothing changed.
            let running = try await Self.copyStore(["--from", "sqlite:\(data)", "--to", database.url])
            #expect(running.exitCode == 1)
            #expect(running.stderr.contains("is using the database"), "\(running)")
            await client.close()
            #expect(try await postgres.stop() == 0)
            let counts = "SELECT (SELECT count(*) FROM deliveries) || '/' || (SELECT count(*) FROM attempts)"
            let stored = try await database.strings(counts)
            let again = try await Self.copyStore(["--from", "sqlite:\(data)", "--to", database.url])
            #expect(again.exitCode == 1)
            #expect(
                again.stderr.contains(
                    "hookd copy-store: the target \(database.url) is not empty (it holds accounts: 1, event_types: 4, webhooks: 5, webhook_health: "),
                "\(again)")
            #expect(again.stderr.contains("copy-store only copies into an empty store, and changed nothing"), "\(again)")
            #expect(try await database.strings(counts) == stored)
        }
    }

    @Test("a store that is not a store, a URL hookd cannot use and a database nobody answers for are refused, each saying why")
    func badStores() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-copy-bad")
        defer { root.remove() }
        let scheme = try await Self.copyStore(["--from", "sqlite:\(root.path)", "--to", "mysql://app:pw@db/hookd"])
        #expect(scheme.exitCode != 0)
        #expect(
            scheme.stderr.contains(
                "--to: cannot use store mysql://…: name sqlite:DATA_DIR or a postgres:// or postgresql:// URL"),
            "\(scheme)")
        #expect(!scheme.stderr.contains("app:pw"), "\(scheme)")
        let parameter = try await Self.copyStore([
            "--from", "sqlite:\(root.path)", "--to", "postgres://app:pw@db/hookd?connect_timeout=3",
        ])
        #expect(parameter.exitCode != 0)
        #expect(parameter.stderr.contains("unknown parameter connect_timeout"), "\(parameter)")
        #expect(!parameter.stderr.contains("app:pw"), "\(parameter)")

        let missing = try await Self.copyStore([
            "--from", "sqlite:\(root.path)/nowhere", "--to", "postgres://hookd@127.0.0.1/hookd",
        ])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("no hookd store at \(root.path)/nowhere/hookd.sqlite"), "\(missing)")

        let same = try await Self.copyStore(["--from", "sqlite:\(root.path)", "--to", "sqlite:\(root.path)/other"])
        #expect(same.exitCode == 1)
        #expect(same.stderr.contains("copy-store copies between SQLite and PostgreSQL"), "\(same)")

        // A real store, and a database port nobody listens on: the source is left alone.
        let data = root.path + "/data"
        let daemon = try await RunningDaemon.launch(arguments: ["--data-dir", data], dataDirectory: data)
        try await Loyalty.seed(daemon.client())
        #expect(try await daemon.stop() == 0)
        let port = try RefusingPort()
        let unreachable = try await Self.copyStore([
            "--from", "sqlite:\(data)", "--to", "postgresql://hookd:pw@127.0.0.1:\(port.port)/events",
        ])
        #expect(unreachable.exitCode == 1)
        #expect(
            unreachable.stderr.contains("cannot connect to the database postgres://hookd:***@127.0.0.1:\(port.port)/events"),
            "\(unreachable)")
    }
}
