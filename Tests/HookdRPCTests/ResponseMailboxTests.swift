import HookdCore
import NIOCore
import Testing

@testable import HookdRPC

/// The client's mailbox keeps the reason the daemon gave for closing a connection, whatever
/// moment it arrives in.
struct ResponseMailboxTests {
    static let noRole = ByteBuffer(
        string: #"{"jsonrpc":"2.0","id":null,"error":{"code":-32003,"message":"uid 4204 (gid 4204) has no role on this hookd","#
            + #""data":{"status":"PERMISSION_DENIED","reason":"hookd.NoRole"}}}"#)

    @Test("a refusal that arrives while a call's request is being written outlives that call giving up its claim")
    func refusalDuringAFailedWrite() {
        let mailbox = ResponseMailbox()
        // The call claims its answer, then its write fails (the connection closed on the
        // refusal's end of input); the refusal is read in between.
        let ticket = mailbox.expect(.response(id: 1))
        mailbox.deliver(Self.noRole)
        mailbox.cancel(ticket)
        mailbox.close(with: RPCClientError.connectionClosed)
        #expect(mailbox.refusal?.data?.reason == "hookd.NoRole")
        #expect((mailbox.closure as? RPCRemoteError)?.data?.reason == "hookd.NoRole")
    }

    @Test("a refusal that arrives while a call waits ends that call with it")
    func refusalWhileWaiting() async {
        let mailbox = ResponseMailbox()
        let ticket = mailbox.expect(.response(id: 1))
        mailbox.deliver(Self.noRole)
        let error = await #expect(throws: RPCRemoteError.self) { _ = try await mailbox.wait(for: ticket) }
        #expect(error?.data?.reason == "hookd.NoRole")
        #expect(mailbox.refusal?.data?.reason == "hookd.NoRole")
    }
}
