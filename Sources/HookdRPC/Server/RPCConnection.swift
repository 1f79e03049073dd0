import Logging
import NIOCore

/// Serves one client: reads frames in order, admits each before reading the next, and
/// answers each as soon as it is complete.
///
/// A frame that runs only pipelined methods is admitted inline and completed in a child
/// task, so later frames are read meanwhile and answers may go out in any order (JSON-RPC
/// matches them by id). A frame that runs an ordinary method is a barrier: it waits until
/// every earlier frame has been answered, runs, and is answered before the next frame is
/// read. At most `maximumPendingCalls` frames are pending at once; at that number the
/// connection stops reading until one is answered.
struct RPCConnection {
    let accepted: AcceptedConnection
    let router: RPCRouter
    let maximumFrameBytes: Int
    let maximumPendingCalls: Int
    let logger: Logger

    /// Runs until the client disconnects or the server winds the connection down; never
    /// throws, so one broken connection cannot take the server with it. The accept loop has
    /// put it in `registry`; it leaves when it ends.
    func run(registry: ConnectionRegistry) async {
        let channel = accepted.channel.channel
        defer {
            // The last of many clients gone: what they held goes back to the system, so memory
            // returns to its level before the burst (glibc would keep it in its arenas).
            if registry.remove(channel) { HeapRelease.releaseFreeMemory() }
        }

        var logger = logger
        if let peer = accepted.peer {
            logger[metadataKey: "peer_pid"] = "\(peer.pid)"
            logger[metadataKey: "peer_uid"] = "\(peer.uid)"
        }
        var context = RPCContext(peer: accepted.peer, logger: logger)
        logger.debug("RPC connection opened")
        do {
            try await accepted.channel.executeThenClose { inbound, outbound in
                let streams = RPCStreams(notifier: RPCNotifier(outbound: outbound), activity: accepted.activity)
                context.streams = streams
                defer { streams.cancelAll() }
                // Every completion is a child task of this group, so the group returns only
                // once every admitted frame has been answered.
                try await withThrowingDiscardingTaskGroup { group in
                    let pending = PendingCalls(limit: maximumPendingCalls)
                    let answers = AnswerWriter(channel: channel, logger: logger)
                    for try await frame in inbound {
                        try await serve(
                            frame, pending: pending, answers: answers, group: &group, outbound: outbound, context: context)
                        // A call that opened a stream has been answered: its notifications may follow.
                        streams.startOpened()
                    }
                    // The client has closed its side: nothing it watched is read any more.
                    streams.cancelAll()
                    // Answers handed over without a task are not the group's children: wait
                    // for them too.
                    await pending.waitUntilNone {
                        logger.trace("RPC client closed its side; answering its pending calls first")
                    }
                }
                // executeThenClose closes the channel as soon as this returns, and closing
                // drops writes still queued in NIO (a large answer to a client that has
                // already sent EOF, say). An empty write completes only after every write
                // before it, so waiting for it lets the last answer out whole.
                try await channel.writeAndFlush(ByteBuffer()).get()
            }
            logger.debug("RPC connection closed")
        } catch {
            logger.debug("RPC connection ended with an error", metadata: ["error": "\(error)"])
        }
    }

    /// Admits one frame and answers it, inline or (when it is still pending) from a child
    /// task of `group`.
    private func serve(
        _ frame: InboundFrame, pending: PendingCalls, answers: AnswerWriter,
        group: inout ThrowingDiscardingTaskGroup<any Error>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, context: RPCContext
    ) async throws {
        // Under way from its read (counted by the pipeline) until answered, so the idle
        // timeout leaves the connection alone meanwhile.
        let activity = accepted.activity
        var handedOver = false
        defer { if !handedOver { activity.ended() } }
        let prepared: PreparedFrame
        switch frame {
        case .line(let line):
            prepared = router.prepare(line)
        case .oversized:
            context.logger.notice(
                "RPC frame over the size limit discarded", metadata: ["limit": "\(maximumFrameBytes)"])
            try await Self.write(RPCResponse.frameTooLarge(limit: maximumFrameBytes).serialized, to: outbound)
            return
        }

        switch prepared.scheduling {
        case .barrier:
            await pending.waitUntilNone {
                context.logger.trace("RPC request waits for the connection's pending calls to be answered")
            }
            if let response = await prepared.admit(context: context).response() {
                try await Self.write(response, to: outbound)
            }
        case .immediate:
            if let response = await prepared.admit(context: context).response() {
                try await Self.write(response, to: outbound)
            }
        case .pipelined:
            await pending.reserve {
                context.logger.debug(
                    "RPC connection stops reading until a pending call is answered",
                    metadata: ["limit": "\(pending.limit)"])
            }
            let admitted = await prepared.admit(context: context)
            guard !admitted.isSettled else {
                pending.release()
                if let response = await admitted.response() {
                    try await Self.write(response, to: outbound)
                }
                return
            }
            let channel = accepted.channel.channel
            handedOver = true
            if let delivery = admitted.delivery {
                // Handed over by whatever settles the call (a commit): the answer is built and
                // written on the event loop, with no task waiting for it.
                delivery { build in
                    answers.write({ build()?.serialized }) {
                        pending.release()
                        activity.ended()
                    }
                }
                return
            }
            group.addTask {
                defer {
                    pending.release()
                    activity.ended()
                }
                guard let response = await admitted.response() else { return }
                do {
                    try await Self.write(response, to: outbound)
                } catch {
                    // The connection is broken; closing it ends the read loop too.
                    context.logger.debug("RPC answer could not be written", metadata: ["error": "\(error)"])
                    channel.close(promise: nil)
                }
            }
        }
    }

    /// Writes one answer and its newline.
    ///
    /// Completion tasks write concurrently with each other and with the read loop: the
    /// outbound writer accepts writes from many tasks at once and passes each buffer on
    /// whole, in the order the writes were made.
    private static func write(
        _ response: ByteBuffer, to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    ) async throws {
        var response = response
        response.terminateLine()
        try await outbound.write(response)
    }
}
