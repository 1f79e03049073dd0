import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Who may do what: members of `--reader-group`, `--operator-group` and `--admin-group` get
/// that role on the socket, checked for every call against the role the method declares;
/// a peer with none is refused as it connects. hookctl runs as other users through
/// `setpriv`, with uids and gids no user database lists.
@Suite("Roles")
struct RoleIntegrationTests {
    static let readerGroup: gid_t = 4101
    static let operatorGroup: gid_t = 4102
    static let adminGroup: gid_t = 4103

    /// Runs hookctl as `uid` with only the group `gid`.
    static func hookctl(as uid: uid_t, group gid: gid_t, _ arguments: [String], socket: String) async throws -> CommandResult {
        try await runCommand(
            "/usr/bin/setpriv",
            ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", Binaries.path(of: "hookctl")] + arguments
                + ["--socket", socket])
    }

    /// A daemon whose socket other users can reach, with the three role groups.
    static func withSharedDaemon(_ body: (RunningDaemon, String) async throws -> Void) async throws {
        let root = try TemporaryDirectory(prefix: "hookd-roles")
        defer { root.remove() }
        // Other users must reach the socket's directory; the data directory stays private.
        chmod(root.path, 0o755)
        let run = root.path + "/run"
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: false)
        chmod(run, 0o755)
        let socket = run + "/hookd.sock"
        let daemon = try await RunningDaemon.start(
            dataDirectory: root.path + "/data",
            arguments: [
                "--socket", socket, "--reader-group", "\(readerGroup)", "--operator-group", "\(operatorGroup)",
                "--admin-group", "\(adminGroup)",
            ])
        do {
            try await body(daemon, socket)
            try await daemon.stop()
        } catch {
            await daemon.cleanUp()
            throw error
        }
    }

    @Test("readers read, operators act on deliveries, admins change configuration; each call above a role is refused naming the role it needs")
    func rolesByGroup() async throws {
        // setpriv changes users only for root (the CI container runs the suite as root).
        guard getuid() == 0 else { return }
        try await Self.withSharedDaemon { daemon, socket in
            #expect(try DataDirectoryModeTests.mode(socket) == 0o666)
            let client = RPCClient(socketPath: socket)
            try await Loyalty.seed(client)
            let (_, secret) = try await Loyalty.webhook(client, name: "crm", url: "http://127.0.0.1:9/hooks", events: ["*"])
            await client.close()
            let publish = ["events", "publish", "--account", Loyalty.account, "--type", "reward.issued", "--data", "{}"]

            // Reader: lists and status, nothing more.
            let reader = (uid: uid_t(4201), gid: Self.readerGroup)
            let listed = try await Self.hookctl(as: reader.uid, group: reader.gid, ["webhooks", "list"], socket: socket)
            #expect(listed.exitCode == 0, "\(listed)")
            #expect(listed.stdout.contains("crm"))
            #expect(try await Self.hookctl(as: reader.uid, group: reader.gid, ["status"], socket: socket).exitCode == 0)
            let readerSecret = try await Self.hookctl(as: reader.uid, group: reader.gid, ["webhooks", "secret", "crm"], socket: socket)
            #expect(readerSecret.exitCode != 0)
            #expect(readerSecret.stderr.contains("Webhooks.GetSecret needs the admin role; uid 4201 has the reader role"), "\(readerSecret)")
            #expect(!readerSecret.stdout.contains(secret.text) && !readerSecret.stderr.contains(secret.text))
            let readerPublish = try await Self.hookctl(as: reader.uid, group: reader.gid, publish, socket: socket)
            #expect(readerPublish.stderr.contains("Events.Publish needs the operator role"), "\(readerPublish)")

            // Operator: publishes, disables and enables; no configuration, no secrets.
            let operator_ = (uid: uid_t(4202), gid: Self.operatorGroup)
            let published = try await Self.hookctl(as: operator_.uid, group: operator_.gid, publish, socket: socket)
            #expect(published.exitCode == 0, "\(published)")
            let disabled = try await Self.hookctl(as: operator_.uid, group: operator_.gid, ["webhooks", "disable", "crm"], socket: socket)
            #expect(disabled.exitCode == 0, "\(disabled)")
            let created = try await Self.hookctl(as: operator_.uid, group: operator_.gid, ["accounts", "create", "acc_2"], socket: socket)
            #expect(created.stderr.contains("Accounts.Create needs the admin role; uid 4202 has the operator role"), "\(created)")
            let operatorSecret = try await Self.hookctl(
                as: operator_.uid, group: operator_.gid, ["webhooks", "secret", "crm"], socket: socket)
            #expect(operatorSecret.stderr.contains("needs the admin role"), "\(operatorSecret)")

            // Admin: everything.
            let admin = (uid: uid_t(4203), gid: Self.adminGroup)
            let made = try await Self.hookctl(as: admin.uid, group: admin.gid, ["accounts", "create", "acc_2"], socket: socket)
            #expect(made.exitCode == 0, "\(made)")
            let adminSecret = try await Self.hookctl(as: admin.uid, group: admin.gid, ["webhooks", "secret", "crm"], socket: socket)
            #expect(adminSecret.stdout.contains(secret.text), "\(adminSecret)")

            // No role: refused as it connects, whoever it is.
            for (uid, gid) in [(uid_t(4204), gid_t(4204)), (uid_t(65534), gid_t(65534))] {
                let refused = try await Self.hookctl(as: uid, group: gid, ["status"], socket: socket)
                #expect(refused.exitCode != 0)
                #expect(refused.stderr.contains("uid \(uid) (gid \(gid)) has no role on this hookd"), "\(refused)")
            }
            // What they were refused changed nothing.
            let check = RPCClient(socketPath: socket)
            let accounts = try await check.call(.accountsList, EmptyParams(), as: [Account].self)
            #expect(accounts.map(\.name).sorted() == [Loyalty.account, "acc_2"].sorted())
            await check.close()
            #expect(daemon.log.contains("RPC connection refused"))
        }
    }

    @Test("a role group with the socket inside the private data directory is refused at start, saying where to put it")
    func socketInsideDataDirectory() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-roles")
        defer { root.remove() }
        do {
            let daemon = try await RunningDaemon.start(dataDirectory: root.path + "/data", arguments: ["--reader-group", "4101"])
            await daemon.cleanUp()
            Issue.record("hookd started")
        } catch DaemonLaunchError.exited(let status, let log) {
            #expect(status != 0)
            #expect(log.contains("is inside the data directory, which only hookd's user may enter; put it elsewhere"), "\(log)")
        }
    }

    @Test("role groups and every other option can come from a --config file; the command line wins; a bad line names itself")
    func configurationFile() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-config")
        defer { root.remove() }
        let file = root.path + "/hookd.conf"
        try "# roles\nreader-group: 4101   # support\noperator-group: \"4102\"\nallow-insecure-targets: true\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        // Applied: the groups let others in, so the socket may not stay in the data directory.
        let refused = try await runCommand(Binaries.path(of: "hookd"), ["--config", file, "--data-dir", root.path + "/data"])
        #expect(refused.exitCode != 0)
        #expect(refused.stderr.contains("is inside the data directory"), "\(refused)")
        // With the socket moved on the command line it starts, and the groups are in force.
        chmod(root.path, 0o755)
        let socket = root.path + "/hookd.sock"
        let daemon = try await RunningDaemon.launch(
            arguments: ["--config", file, "--data-dir", root.path + "/data", "--socket", socket],
            dataDirectory: root.path + "/data")
        #expect(try DataDirectoryModeTests.mode(socket) == 0o666)
        try await daemon.stop()

        try "reader-group 4101\n".write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try await runCommand(Binaries.path(of: "hookd"), ["--config", file])
        #expect(bad.exitCode != 0)
        #expect(bad.stderr.contains("hookd.conf:1: expected `key: value`"), "\(bad)")
        try "no-such-option: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let unknown = try await runCommand(Binaries.path(of: "hookd"), ["--config", file])
        #expect(unknown.exitCode != 0)
        #expect(unknown.stderr.contains("--no-such-option"), "\(unknown)")
    }

    @Test("an unknown group name is refused before anything starts")
    func unknownGroup() async throws {
        let result = try await runCommand(Binaries.path(of: "hookd"), ["--reader-group", "no-such-group-hookd"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--reader-group: no group named no-such-group-hookd"), "\(result)")
    }
}
