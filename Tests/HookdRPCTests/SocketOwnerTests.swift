import Foundation
import HookdAPI
import HookdRPC
import Testing

/// hookctl sends secrets to whatever listens at --socket, so it first checks who owns the
/// socket file: the user running it, root, or the owner it was told to trust.
struct SocketOwnerTests {
    @Test(
        "a socket owned by the user, by root or by the trusted owner is accepted; any other uid is refused",
        arguments: [
            (owner: 1000, user: 1000, trusted: nil, accepted: true),
            (owner: 0, user: 1000, trusted: nil, accepted: true),
            (owner: 1001, user: 1000, trusted: nil, accepted: false),
            (owner: 1001, user: 1000, trusted: 1001, accepted: true),
            (owner: 1001, user: 1000, trusted: 1002, accepted: false),
            (owner: 65534, user: 0, trusted: nil, accepted: false),
            (owner: 0, user: 0, trusted: nil, accepted: true),
        ] as [(owner: uid_t, user: uid_t, trusted: uid_t?, accepted: Bool)])
    func ownerRule(owner: uid_t, user: uid_t, trusted: uid_t?, accepted: Bool) {
        let refusal = SocketOwner.refusal(socketPath: "/run/hookd.sock", owner: owner, user: user, trusted: trusted)
        #expect((refusal == nil) == accepted, "\(String(describing: refusal))")
    }

    @Test("the refusal names the socket, its owner and the user, and says how to trust that owner")
    func message() throws {
        let refusal = try #require(SocketOwner.refusal(socketPath: "/run/hookd.sock", owner: 65534, user: 0, trusted: nil))
        #expect(refusal.description.hasPrefix("refusing to talk to hookd at /run/hookd.sock: the socket belongs to uid 65534"))
        #expect(refusal.description.contains("not to you (uid 0) or root"))
        #expect(refusal.description.contains("--socket-owner"))
    }

    @Test("the check reads the socket file's owner; a missing file is left to the connection to report")
    func readsTheFile() throws {
        let directory = try ScratchDirectory()
        let path = directory.file("s.sock")
        #expect(try SocketOwner.check(socketPath: path, trusted: nil) == nil)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        #expect(try SocketOwner.check(socketPath: path, trusted: nil) == nil)
        // As root the file can be given away; as anyone else the uid rule above is what counts.
        guard getuid() == 0 else { return }
        #expect(chown(path, 65534, 65534) == 0)
        #expect(try SocketOwner.check(socketPath: path, trusted: nil)?.owner == 65534)
        #expect(try SocketOwner.check(socketPath: path, trusted: 65534) == nil)
    }

    @Test("--socket-owner takes a user name or a uid")
    func trustedOwner() throws {
        #expect(try SocketOwner.uid(named: "root") == 0)
        #expect(try SocketOwner.uid(named: "4242") == 4242)
        #expect(throws: SocketOwner.UnknownUser.self) { try SocketOwner.uid(named: "no-such-user-here") }
    }
}

/// The client checks the uid of the process actually listening before it sends anything.
struct TrustedListenerTests {
    @Test("a client told to trust only other uids refuses the listening process before sending")
    func untrustedListener() async throws {
        let recorder = Recorder()
        try await withServer(router: makeTestRouter(recorder: recorder)) { server in
            // The server runs as this process's uid; trust only some other one.
            let stranger = getuid() == 4242 ? UInt32(4243) : UInt32(4242)
            let wary = RPCClient(socketPath: server.socketPath, trustedListeners: [stranger])
            await #expect {
                _ = try await wary.call(name: "Test.Record", EchoParams(text: "secret"), as: Bool.self)
            } throws: { error in
                guard case RPCClientError.untrustedListener(let path, let uid)? = error as? RPCClientError else {
                    return false
                }
                return path == server.socketPath && uid == getuid()
            }
            await wary.close()
            let trusting = RPCClient(socketPath: server.socketPath, trustedListeners: [getuid()])
            let recorded = try await trusting.call(name: "Test.Record", EchoParams(text: "fine"), as: Bool.self)
            #expect(recorded)
            #expect(recorder.recorded == ["fine"])
            await trusting.close()
        }
    }
}
