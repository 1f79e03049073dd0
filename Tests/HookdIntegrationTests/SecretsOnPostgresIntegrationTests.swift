import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookd secrets encrypt|rotate|decrypt --database URL`: the secrets of a PostgreSQL store
/// sealed, rotated and unsealed with hookd stopped, as a data directory's are.
@Suite("Secrets at rest on PostgreSQL")
struct SecretsOnPostgresIntegrationTests {
    /// Starts hookd on `database` (a fresh data directory each time) with `arguments`.
    static func daemon(_ database: TestDatabase, in root: TemporaryDirectory, _ arguments: [String] = [])
        async throws -> RunningDaemon
    {
        let data = root.path + "/data-\(UUID().uuidString.prefix(6))"
        return try await RunningDaemon.launch(
            arguments: ["--data-dir", data, "--allow-insecure-targets", "--database", database.url] + arguments,
            dataDirectory: data)
    }

    @Test(
        "hookd secrets encrypt, rotate and decrypt move a PostgreSQL store between keys, never beside a daemon",
        .enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
    func maintenance() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-pg-secrets")
        defer { root.remove() }
        let database = try await TestDatabase.create()
        do {
            try await Self.reseal(database, in: root)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    private static func reseal(_ database: TestDatabase, in root: TemporaryDirectory) async throws {
        let first = try await SecretsAtRestIntegrationTests.newKey(in: root.path, named: "first.key")
        let second = try await SecretsAtRestIntegrationTests.newKey(in: root.path, named: "second.key")
        let hookd = SecretsAtRestIntegrationTests.hookd

        let plain = try await daemon(database, in: root)
        let secret = try await SecretsAtRestIntegrationTests.rotatedWebhook(on: plain)

        // Beside a running daemon nothing is touched.
        let beside = try await hookd(["secrets", "encrypt", "--database", database.url, "--secret-key-file", first])
        #expect(beside.exitCode == 1)
        #expect(beside.stderr.contains("is using the database"), "\(beside)")
        #expect(try await database.strings("SELECT count(*)::text FROM webhooks WHERE secret LIKE 'whsec_%'") == ["1"])
        #expect(try await plain.stop() == 0)

        let encrypt = try await hookd(["secrets", "encrypt", "--database", database.url, "--secret-key-file", first])
        #expect(encrypt.exitCode == 0, "\(encrypt)")
        #expect(encrypt.stdout.contains("sealed 2 webhook secrets"), "\(encrypt)")
        let stored = try await database.strings("SELECT secret || ' ' || previous_secret FROM webhooks")
        #expect(stored.count == 1)
        #expect(stored.allSatisfy { $0?.contains("whsec_") == false && $0?.hasPrefix(SecretSealer.prefix) == true })
        let clear = try await SecretsAtRestIntegrationTests.refusal { try await daemon(database, in: root) }
        #expect(clear.contains("secrets are sealed; start hookd with --secret-key-file"), "\(clear)")

        let rotate = try await hookd([
            "secrets", "rotate", "--database", database.url, "--secret-key-file", first, "--new-secret-key-file", second,
        ])
        #expect(rotate.exitCode == 0, "\(rotate)")
        #expect(rotate.stdout.contains("sealed 2 webhook secrets under the new key"), "\(rotate)")
        let oldKey = try await SecretsAtRestIntegrationTests.refusal {
            try await daemon(database, in: root, ["--secret-key-file", first])
        }
        #expect(oldKey.contains("were sealed with key"), "\(oldKey)")

        let sealed = try await daemon(database, in: root, ["--secret-key-file", second])
        let current = try await SecretsAtRestIntegrationTests.currentSecret(stopping: sealed, previous: secret)

        let decrypt = try await hookd(["secrets", "decrypt", "--database", database.url, "--secret-key-file", second])
        #expect(decrypt.exitCode == 0, "\(decrypt)")
        #expect(decrypt.stdout.contains("unsealed 2 webhook secrets"), "\(decrypt)")
        #expect(try await database.strings("SELECT secret FROM webhooks") == [current.secret])
        let again = try await hookd(["secrets", "decrypt", "--database", database.url, "--secret-key-file", second])
        #expect(again.stdout.contains("unsealed 0 webhook secrets"), "\(again)")
    }

    @Test("hookd secrets refuses a database URL it cannot use, and one no hookd ever ran on")
    func badDatabase() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-pg-secrets-bad")
        defer { root.remove() }
        let key = try await SecretsAtRestIntegrationTests.newKey(in: root.path, named: "secret.key")
        let scheme = try await SecretsAtRestIntegrationTests.hookd([
            "secrets", "encrypt", "--database", "mysql://app:pw@db/hookd", "--secret-key-file", key,
        ])
        #expect(scheme.exitCode != 0)
        #expect(
            scheme.stderr.contains(
                "--database: cannot use database URL mysql://app:***@db/hookd: the scheme must be postgres:// or postgresql://"),
            "\(scheme)")
        guard TestPostgres.isRequested else { return }
        let empty = try await TestDatabase.create()
        let missing = try await SecretsAtRestIntegrationTests.hookd([
            "secrets", "encrypt", "--database", empty.url, "--secret-key-file", key,
        ])
        await empty.drop()
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("hookd secrets: no hookd store at "), "\(missing)")
    }
}
