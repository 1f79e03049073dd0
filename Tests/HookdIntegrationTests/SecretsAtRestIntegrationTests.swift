import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `--secret-key-file` seals webhook secrets in the store; `hookd secrets` seals an existing
/// store, rotates its key and unseals it, with hookd stopped.
@Suite("Secrets at rest")
struct SecretsAtRestIntegrationTests {
    /// Runs `hookd` with `arguments` (a `secrets` command).
    static func hookd(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(Binaries.path(of: "hookd"), arguments)
    }

    /// A new key file in `directory`.
    static func newKey(in directory: String, named name: String) async throws -> String {
        let path = directory + "/" + name
        let made = try await hookd(["secrets", "generate-key", "--out", path])
        #expect(made.exitCode == 0, "\(made)")
        return path
    }

    /// Makes the account and a webhook `crm` on `daemon` and rotates its secret with an hour's
    /// grace, so the store holds two secret values; returns the first (now previous) secret.
    static func rotatedWebhook(on daemon: RunningDaemon) async throws -> WebhookSecret {
        let client = daemon.client()
        try await Loyalty.seed(client)
        let (_, secret) = try await Loyalty.webhook(client, name: "crm", url: "http://127.0.0.1:9/hooks", events: ["*"])
        _ = try await client.call(
            .webhooksRotateSecret, WebhookRotateSecretParams(webhook: "crm", grace: "1h"), as: WebhookView.self)
        await client.close()
        return secret
    }

    /// The current secret of `crm` on `daemon`, which then stops; expects `previous` to be
    /// the secret its rotation replaced (both opened with the daemon's key).
    static func currentSecret(stopping daemon: RunningDaemon, previous: WebhookSecret) async throws -> WebhookSecretResult {
        let reader = daemon.client()
        let current = try await reader.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
        let view = try await reader.call(.webhooksGet, WebhookRefParams(webhook: "crm"), as: WebhookView.self)
        #expect(view.previousSecretFingerprint == previous.fingerprint)
        await reader.close()
        try await daemon.stop()
        return current
    }

    /// Every byte of the store: the database file, its log and its shared memory.
    static func storeBytes(in data: String) throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] {
            let path = data + "/hookd.sqlite" + suffix
            if FileManager.default.fileExists(atPath: path) {
                bytes += try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return bytes
    }

    /// What stopping a daemon that refuses to start left in its log.
    static func refusal(_ start: () async throws -> RunningDaemon) async throws -> String {
        do {
            let daemon = try await start()
            await daemon.cleanUp()
            Issue.record("hookd started")
            return ""
        } catch DaemonLaunchError.exited(let status, let log) {
            #expect(status != 0)
            return log
        }
    }

    @Test("with a key file no secret is in any store file, deliveries verify, and the store needs that key to open")
    func sealedStore() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-sealed")
        defer { root.remove() }
        let data = root.path + "/data"
        let key = try await Self.newKey(in: root.path, named: "secret.key")
        let other = try await Self.newKey(in: root.path, named: "other.key")
        #expect(try DataDirectoryModeTests.mode(key) == 0o600)

        try await withReceiver { receiver in
            let daemon = try await RunningDaemon.start(dataDirectory: data, arguments: ["--secret-key-file", key])
            let client = daemon.client()
            try await Loyalty.seed(client)
            let (_, secret) = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
            _ = try await Loyalty.publish(client, type: "reward.issued")
            let request = try #require(try await receiver.waitForRequests(count: 1).first)
            try WebhookSigner.verify(
                id: try #require(request.headers["webhook-id"]), timestamp: try #require(request.headers["webhook-timestamp"]),
                signatureHeader: try #require(request.headers["webhook-signature"]), body: request.body, secret: secret)
            await client.close()
            try await daemon.stop()

            let stored = try Self.storeBytes(in: data)
            #expect(stored.range(of: Data("whsec_".utf8)) == nil)
            #expect(stored.range(of: Data(secret.text.dropFirst(6).utf8)) == nil)
            #expect(stored.range(of: Data(SecretSealer.prefix.utf8)) != nil)

            // The same key opens it again, and the API still hands the secret to its owner.
            let again = try await daemon.restarted()
            let reopened = again.client()
            let read = try await reopened.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
            #expect(read.secret == secret.text)
            await reopened.close()
            try await again.stop()
        }

        let withoutKey = try await Self.refusal { try await RunningDaemon.start(dataDirectory: data) }
        #expect(withoutKey.contains("secrets are sealed; start hookd with --secret-key-file"), "\(withoutKey)")
        let withOther = try await Self.refusal {
            try await RunningDaemon.start(dataDirectory: data, arguments: ["--secret-key-file", other])
        }
        #expect(withOther.contains("were sealed with key"), "\(withOther)")
        #expect(withOther.contains("but the key file holds key"), "\(withOther)")
    }

    @Test("hookd secrets encrypt, rotate and decrypt move an existing store between keys, never beside a daemon")
    func maintenance() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-reseal")
        defer { root.remove() }
        let data = root.path + "/data"
        let first = try await Self.newKey(in: root.path, named: "first.key")
        let second = try await Self.newKey(in: root.path, named: "second.key")

        let plain = try await RunningDaemon.start(dataDirectory: data)
        let secret = try await Self.rotatedWebhook(on: plain)

        // Beside a running daemon nothing is touched.
        let beside = try await Self.hookd(["secrets", "encrypt", "--data-dir", data, "--secret-key-file", first])
        #expect(beside.exitCode == 1)
        #expect(beside.stderr.contains("already using the data directory"), "\(beside)")
        try await plain.stop()

        let clear = try await Self.refusal {
            try await RunningDaemon.start(dataDirectory: data, arguments: ["--secret-key-file", first])
        }
        #expect(clear.contains("holds 2 webhook secrets in the clear; seal them first"), "\(clear)")

        let encrypt = try await Self.hookd(["secrets", "encrypt", "--data-dir", data, "--secret-key-file", first])
        #expect(encrypt.exitCode == 0, "\(encrypt)")
        #expect(encrypt.stdout.contains("sealed 2 webhook secrets"), "\(encrypt)")
        #expect(try Self.storeBytes(in: data).range(of: Data(secret.text.dropFirst(6).utf8)) == nil)

        let rotate = try await Self.hookd([
            "secrets", "rotate", "--data-dir", data, "--secret-key-file", first, "--new-secret-key-file", second,
        ])
        #expect(rotate.exitCode == 0, "\(rotate)")
        #expect(rotate.stdout.contains("sealed 2 webhook secrets under the new key"), "\(rotate)")
        let oldKey = try await Self.refusal {
            try await RunningDaemon.start(dataDirectory: data, arguments: ["--secret-key-file", first])
        }
        #expect(oldKey.contains("were sealed with key"), "\(oldKey)")

        let sealed = try await RunningDaemon.start(dataDirectory: data, arguments: ["--secret-key-file", second])
        let current = try await Self.currentSecret(stopping: sealed, previous: secret)

        let decrypt = try await Self.hookd(["secrets", "decrypt", "--data-dir", data, "--secret-key-file", second])
        #expect(decrypt.exitCode == 0, "\(decrypt)")
        #expect(decrypt.stdout.contains("unsealed 2 webhook secrets"), "\(decrypt)")
        let unsealed = try await RunningDaemon.start(dataDirectory: data)
        let last = unsealed.client()
        let after = try await last.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
        #expect(after.secret == current.secret)
        await last.close()
        try await unsealed.stop()
        #expect(try Self.storeBytes(in: data).range(of: Data(current.secret.dropFirst(6).utf8)) != nil)
    }

    @Test("a key file others may read, a short key and an existing file are refused, each with its fix")
    func keyFileRules() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-keyfile")
        defer { root.remove() }
        let key = try await Self.newKey(in: root.path, named: "secret.key")
        let again = try await Self.hookd(["secrets", "generate-key", "--out", key])
        #expect(again.exitCode == 1)
        #expect(again.stderr.contains("already exists; a key is never overwritten"), "\(again)")

        chmod(key, 0o644)
        let open = try await Self.refusal {
            try await RunningDaemon.start(dataDirectory: root.path + "/data", arguments: ["--secret-key-file", key])
        }
        #expect(open.contains("may be read by group or others (mode 644); chmod 600 it"), "\(open)")

        let short = root.path + "/short.key"
        _ = FileManager.default.createFile(
            atPath: short, contents: Data("c2hvcnQ=\n".utf8), attributes: [.posixPermissions: 0o600])
        let refused = try await Self.refusal {
            try await RunningDaemon.start(dataDirectory: root.path + "/data", arguments: ["--secret-key-file", short])
        }
        #expect(refused.contains("holds 5 bytes; a key is 32 bytes"), "\(refused)")
    }
}
