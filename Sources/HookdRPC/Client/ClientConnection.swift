import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One open connection of an ``RPCClient``: requests are written straight to the channel,
/// and a reader task feeds every received line into a ``ResponseMailbox``.
///
/// Requests go through `writeAndFlush` rather than the async writer because the client needs
/// to know whether a request reached the socket: one that did not (the daemon had dropped
/// the connection) can safely be retried on a new connection.
final class ClientConnection: Sendable {
    /// The request was not written: the connection had already ended. Safe to retry.
    struct NotDelivered: Error {
        /// Why the connection ended, when known.
        var reason: (any Error)?
    }

    private let channel: any Channel
    private let mailbox: ResponseMailbox
    private let reader: Task<Void, Never>

    private init(channel: any Channel, mailbox: ResponseMailbox, reader: Task<Void, Never>) {
        self.channel = channel
        self.mailbox = mailbox
        self.reader = reader
    }

    /// False once the daemon or ``close()`` has ended the connection.
    var isOpen: Bool { !mailbox.isClosed }

    /// The daemon's refusal of this connection (no role, too many clients), once read.
    var refusal: RPCRemoteError? { mailbox.refusal }

    /// Connects to the daemon's socket; with `trustedListeners`, only when the process
    /// listening there runs as one of those uids (`SO_PEERCRED`, read before anything is sent).
    ///
    /// - Throws: ``RPCClientError/daemonNotRunning(socketPath:)`` when the socket file is
    ///   missing or nothing accepts on it, ``RPCClientError/untrustedListener(socketPath:uid:)``
    ///   when another user listens there; other connection errors as they are.
    static func open(
        socketPath: String, eventLoopGroup: any EventLoopGroup, maximumResponseBytes: Int,
        trustedListeners: Set<UInt32>? = nil
    ) async throws -> ClientConnection {
        let framed: NIOAsyncChannel<InboundFrame, ByteBuffer>
        do {
            framed = try await ClientBootstrap(group: eventLoopGroup)
                .connect(unixDomainSocketPath: socketPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: maximumResponseBytes)))
                        return try NIOAsyncChannel<InboundFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as IOError where [ENOENT, ECONNREFUSED].contains(error.errnoCode) {
            throw RPCClientError.daemonNotRunning(socketPath: socketPath)
        }

        // Once connected (not in the initializer, which runs before the connection exists)
        // and before anything is written.
        if let trustedListeners, let listener = try await PeerCredentials.read(from: framed.channel).get(),
            !trustedListeners.contains(listener.uid)
        {
            try? await framed.executeThenClose { _, _ in }
            throw RPCClientError.untrustedListener(socketPath: socketPath, uid: listener.uid)
        }

        let mailbox = ResponseMailbox()
        let reader = Task {
            do {
                try await framed.executeThenClose { inbound, _ in
                    for try await frame in inbound {
                        guard case .line(let line) = frame else {
                            throw RPCClientError.malformedResponse("a response exceeded \(maximumResponseBytes) bytes")
                        }
                        mailbox.deliver(line)
                    }
                }
                mailbox.close(with: RPCClientError.connectionClosed)
            } catch let error as RPCClientError {
                mailbox.close(with: error)
            } catch {
                mailbox.close(with: RPCClientError.connectionClosed)
            }
        }
        return ClientConnection(channel: framed.channel, mailbox: mailbox, reader: reader)
    }

    /// Sends one line and waits for the line matching `expectation`; `nil` when `timeout`
    /// passes first (the connection stays usable, a late answer is dropped).
    ///
    /// - Throws: ``NotDelivered`` when the line could not be written, the connection's
    ///   failure when it ends before the answer.
    func send(
        _ line: ByteBuffer, expecting expectation: ResponseMailbox.Expectation, timeout: Duration?
    ) async throws -> ByteBuffer? {
        guard isOpen else { throw NotDelivered(reason: mailbox.closure) }
        var line = line
        line.terminateLine()
        let ticket = mailbox.expect(expectation)
        do {
            try await channel.writeAndFlush(line).get()
        } catch {
            mailbox.cancel(ticket)
            throw NotDelivered(reason: mailbox.closure)
        }
        guard let timeout else { return try await mailbox.wait(for: ticket) }
        let mailbox = mailbox
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await mailbox.wait(for: ticket) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// After a request could not be written: reads what the daemon sent before it closed
    /// its end (the line saying why: too many clients, idle), waiting at most `limit` for
    /// the end, then closes; returns why the connection ended, when known.
    func drain(within limit: Duration) async -> (any Error)? {
        let (reader, channel) = (reader, channel)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await reader.value }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            // Ends the reader if the daemon has not closed its end after all.
            channel.close(promise: nil)
            group.cancelAll()
        }
        return mailbox.closure
    }

    /// The notifications this connection receives from now on, until it closes.
    func notifications() -> AsyncStream<RPCNotification> {
        mailbox.receiveNotifications()
    }

    /// Closes the connection and waits for its reader to finish.
    func close() async {
        channel.close(promise: nil)
        await reader.value
    }
}
