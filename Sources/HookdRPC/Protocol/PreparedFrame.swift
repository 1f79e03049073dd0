import Foundation
import HookdCore
import Logging
import NIOCore

/// A received frame, one request or a batch, taken apart into calls before any handler has
/// run: what a connection needs to know to schedule it.
struct PreparedFrame: Sendable {
    /// How a connection must fit a frame in with the frames before and after it.
    enum Scheduling: Sendable, Equatable {
        /// Runs no handler (malformed, or only unknown methods): answered at once.
        case immediate
        /// Runs pipelined handlers only: admitted in arrival order, completed concurrently
        /// with later frames.
        case pipelined
        /// Runs an ordinary handler: waits until every earlier frame has been answered, and
        /// later frames wait for it.
        case barrier
    }

    private enum Content: Sendable {
        /// Not JSON, or an empty batch: one error answer.
        case refused(RPCResponse)
        case single(PreparedCall)
        case batch([PreparedCall])
    }

    private let content: Content
    private let translateError: (@Sendable (any Error) -> HookdError?)?
    private let authorize: (@Sendable (String, RPCContext) -> HookdError?)?
    private let observer: CallObserver?

    /// Parses `frame` (without its newline) and matches each request with its handler;
    /// `translateError` reads what handlers throw besides `HookdError`.
    init(
        _ frame: ByteBuffer, handlers: [String: MethodHandler],
        translateError: (@Sendable (any Error) -> HookdError?)? = nil,
        authorize: (@Sendable (String, RPCContext) -> HookdError?)? = nil, observer: CallObserver? = nil
    ) {
        self.translateError = translateError
        self.authorize = authorize
        self.observer = observer
        let document: JSONValue
        do {
            // The one-pass reader gives the decoder's value or none (then the decoder reads the
            // frame, with its own verdict).
            document = try JSONValueReader.read(frame.readableBytesView)
                ?? JSONCoding.decoder.decode(JSONValue.self, from: Data(frame.readableBytesView))
        } catch {
            // Foundation's decoder says no more than "not valid JSON", so neither do we.
            content = .refused(RPCResponse(id: .null, error: .parseError))
            return
        }
        // Answers echo each id's text as sent; the parsed value only says what it means.
        let sentIDs = RequestIDLocator.locate(in: frame)
        guard case .array(let members) = document else {
            var sentID: ByteBuffer?
            if case .single(let text)? = sentIDs { sentID = text }
            content = .single(PreparedCall(document, sentID: sentID, handlers: handlers))
            return
        }
        guard !members.isEmpty else {
            content = .refused(RPCResponse(id: .null, error: .invalidRequest("empty batch")))
            return
        }
        var memberIDs: [ByteBuffer?] = []
        if case .batch(let texts)? = sentIDs, texts.count == members.count { memberIDs = texts }
        content = .batch(
            members.enumerated().map { index, member in
                PreparedCall(member, sentID: memberIDs.isEmpty ? nil : memberIDs[index], handlers: handlers)
            })
    }

    /// How the frame must be scheduled: a barrier if any of its calls is one.
    var scheduling: Scheduling {
        let calls: [PreparedCall]
        switch content {
        case .refused: return .immediate
        case .single(let call): calls = [call]
        case .batch(let members): calls = members
        }
        if calls.contains(where: \.isBarrier) { return .barrier }
        return calls.contains(where: \.isPipelined) ? .pipelined : .immediate
    }

    /// Runs the admission phase of every call, in order.
    ///
    /// In a batch with barrier members, each barrier first waits for every earlier member to
    /// complete, so the whole batch has run by the time this returns; otherwise pipelined
    /// members are left for ``AdmittedFrame/response()`` to complete concurrently.
    func admit(context: RPCContext) async -> AdmittedFrame {
        var context = context
        context.translateError = translateError
        context.authorize = authorize
        context.observer = observer
        switch content {
        case .refused(let response):
            return AdmittedFrame(single: .settled(response))
        case .single(let call):
            return AdmittedFrame(single: await call.admit(context: context))
        case .batch(let calls) where calls.contains(where: \.isBarrier):
            return AdmittedFrame(batch: await Self.run(calls, context: context))
        case .batch(let calls):
            var admitted: [AdmittedCall] = []
            admitted.reserveCapacity(calls.count)
            for call in calls {
                admitted.append(await call.admit(context: context))
            }
            return AdmittedFrame(batch: admitted)
        }
    }

    /// Runs a batch that has barrier members to the end: pipelined members complete
    /// concurrently, each barrier member runs once every member before it has completed.
    private static func run(_ calls: [PreparedCall], context: RPCContext) async -> [AdmittedCall] {
        await withTaskGroup(of: (index: Int, response: RPCResponse?).self) { group in
            var responses = [RPCResponse?](repeating: nil, count: calls.count)
            var pendingMembers = 0
            for (index, call) in calls.enumerated() {
                if call.isBarrier, pendingMembers > 0 {
                    context.logger.trace("RPC batch member waits for the members before it to complete")
                    while let finished = await group.next() {
                        responses[finished.index] = finished.response
                    }
                    pendingMembers = 0
                }
                switch await call.admit(context: context) {
                case .settled(let response):
                    responses[index] = response
                case .pending(let completion):
                    pendingMembers += 1
                    group.addTask { (index, await completion.value()) }
                }
            }
            while let finished = await group.next() {
                responses[finished.index] = finished.response
            }
            return responses.map { .settled($0) }
        }
    }
}
