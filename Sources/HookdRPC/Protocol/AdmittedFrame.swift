import NIOCore

/// A frame after its admission phase: its answer, or the completions it still waits for.
struct AdmittedFrame: Sendable {
    private enum Content: Sendable {
        case single(AdmittedCall)
        case batch([AdmittedCall])
    }

    private let content: Content

    /// The frame was one request (or could not be read as a batch).
    init(single call: AdmittedCall) {
        content = .single(call)
    }

    /// The frame was a batch; `calls` are in member order.
    init(batch calls: [AdmittedCall]) {
        content = .batch(calls)
    }

    /// True when every call has been answered, so ``response()`` will not wait.
    var isSettled: Bool {
        switch content {
        case .single(let call): call.isSettled
        case .batch(let calls): calls.allSatisfy(\.isSettled)
        }
    }

    /// For a frame of one call whose answer its settler hands over: how to be handed it,
    /// with no task waiting; `nil` for any other frame (await ``response()``).
    var delivery: CallCompletion<RPCResponse?>.Delivery? {
        guard case .single(.pending(let completion)) = content else { return nil }
        return completion.delivery
    }

    /// Waits for the pending calls, concurrently, and returns the bytes to send (without
    /// newline): the response, or a batch's responses in member order. `nil` when nothing is
    /// to be sent: for a notification and for a batch of notifications.
    func response() async -> ByteBuffer? {
        switch content {
        case .single(let call):
            return await call.response()?.serialized
        case .batch(let calls):
            let responses = await withTaskGroup(of: (Int, RPCResponse?).self) { group in
                var responses = [RPCResponse?](repeating: nil, count: calls.count)
                for (index, call) in calls.enumerated() {
                    switch call {
                    case .settled(let response):
                        responses[index] = response
                    case .pending:
                        group.addTask { (index, await call.response()) }
                    }
                }
                for await (finished, response) in group {
                    responses[finished] = response
                }
                return responses.compactMap { $0 }
            }
            return responses.isEmpty ? nil : RPCResponse.serialized(batch: responses)
        }
    }
}
