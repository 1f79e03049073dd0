import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// hookd under systemd: it serves on a listening socket passed as descriptor 3
/// (`LISTEN_FDS`, `LISTEN_PID`) and reports `READY=1` to `NOTIFY_SOCKET`. A small Python
/// launcher plays systemd: it binds and listens, puts the socket at descriptor 3, sets the
/// variables for its own pid and execs hookd, which keeps that pid.
@Suite("systemd socket activation and readiness")
struct SystemdIntegrationTests {
    static let launcher = """
        import os, socket, sys
        mode, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
        if mode == "file":
            held = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        else:
            held = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            held.bind(path)
            os.chmod(path, 0o600)
            held.listen(128)
            held = held.detach()
        if held != 3:
            os.dup2(held, 3, inheritable=True)
            os.close(held)
        os.set_inheritable(3, True)
        env = dict(os.environ)
        env["LISTEN_FDS"] = "1"
        env["LISTEN_PID"] = "1" if mode == "other-pid" else str(os.getpid())
        os.execve(args[0], args, env)
        """

    /// Starts hookd through the launcher in `mode`, its passed socket (or file) at `path`.
    static func launch(
        _ mode: String, path: String, dataDirectory: String, notify: NotifySocket? = nil, arguments: [String] = []
    ) throws -> RunningProgram {
        let script = (dataDirectory as NSString).deletingLastPathComponent + "/launch.py"
        try Data(launcher.utf8).write(to: URL(fileURLWithPath: script))
        return try RunningProgram.start(
            "/usr/bin/env",
            ["python3", script, mode, path, Binaries.path(of: "hookd"), "--data-dir", dataDirectory,
             "--allow-insecure-targets", "--log-level", "debug"] + arguments,
            environment: notify.map { ["NOTIFY_SOCKET": $0.path] } ?? [:])
    }

    @Test(
        "hookd serves the socket systemd passed (with a role group, as hookd.service runs it), says READY=1 once it does and STOPPING=1 on SIGTERM, and leaves the socket file to systemd"
    )
    func servesPassedSocket() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-sd")
        defer { root.remove() }
        let socketPath = root.path + "/hookd.sock"
        let dataDirectory = root.path + "/data"
        let notify = try NotifySocket(path: root.path + "/notify.sock")
        // The example unit gives its socket's group the admin role; gid 0 stands in for it.
        let hookd = try Self.launch(
            "socket", path: socketPath, dataDirectory: dataDirectory, notify: notify, arguments: ["--admin-group", "0"])

        let ready = try await notify.waitForMessage(containing: "READY=1")
        #expect(ready.contains("MAINPID=\(hookd.pid)"))
        let client = RPCClient(socketPath: socketPath)
        let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
        #expect(status.socket == socketPath)
        #expect(status.pid == hookd.pid)
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_systemd"), as: Account.self)
        await client.close()
        let listed = try await runHookctl(["accounts", "list"], socket: socketPath)
        #expect(listed.exitCode == 0, "\(listed)")
        #expect(listed.stdout.contains("acc_systemd"))
        #expect(!FileManager.default.fileExists(atPath: dataDirectory + "/hookd.sock"))
        #expect(hookd.output.contains("socket_from=systemd"))

        #expect(try await hookd.stop() == 0)
        _ = try await notify.waitForMessage(containing: "STOPPING=1")
        #expect(FileManager.default.fileExists(atPath: socketPath), "systemd's socket file stays for the next start")
    }

    @Test("variables meant for another process (LISTEN_PID not hookd's) are ignored: hookd binds its own socket")
    func otherPidIgnored() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-sd")
        defer { root.remove() }
        let dataDirectory = root.path + "/data"
        let notify = try NotifySocket(path: root.path + "/notify.sock")
        let hookd = try Self.launch("other-pid", path: root.path + "/unused.sock", dataDirectory: dataDirectory, notify: notify)
        _ = try await notify.waitForMessage(containing: "READY=1")
        let client = RPCClient(socketPath: dataDirectory + "/hookd.sock")
        let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
        #expect(status.socket == dataDirectory + "/hookd.sock")
        await client.close()
        #expect(try await hookd.stop() == 0)
    }

    @Test("a passed descriptor that is not a socket stops hookd at start with the reason")
    func notASocket() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-sd")
        defer { root.remove() }
        let hookd = try Self.launch("file", path: root.path + "/plain-file", dataDirectory: root.path + "/data")
        #expect(try await hookd.waitForExit() != 0)
        #expect(hookd.output.contains("descriptor 3 that systemd passed is not a socket"))
    }
}
