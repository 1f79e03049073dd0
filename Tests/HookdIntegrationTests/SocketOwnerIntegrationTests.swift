import Foundation
import HookdTesting
import Testing

/// hookctl checks who owns the socket before sending anything over it.
struct SocketOwnerIntegrationTests {
    @Test("hookctl refuses a socket owned by another non-root user, unless told to trust that owner")
    func foreignSocket() async throws {
        // Giving the socket away takes root; as another user the rule is pinned by SocketOwnerTests.
        guard getuid() == 0 else { return }
        try await withDaemon { daemon, _ in
            let hookctl = Hookctl(daemon)
            _ = try await hookctl.succeed(["status"])
            #expect(chown(daemon.socketPath, 65534, 65534) == 0)
            let connections = daemon.log.components(separatedBy: "RPC connection opened").count
            let stderr = try await hookctl.fail(["status"])
            #expect(stderr.contains("refusing to talk to hookd at \(daemon.socketPath): the socket belongs to uid 65534"), "\(stderr)")
            // Refused before connecting (the daemon logs every connection at debug).
            let trustedByFlag = try await hookctl.succeed(["status", "--socket-owner", "65534"])
            #expect(!trustedByFlag.isEmpty)
            #expect(daemon.log.components(separatedBy: "RPC connection opened").count == connections + 1, "\(daemon.log)")
            let trusted = try await hookctl.run(["status"], environment: ["HOOKD_SOCKET_OWNER": "65534"])
            #expect(trusted.exitCode == 0, "\(trusted)")
        }
    }
}
