import HookdCore
import Logging
import NIOCore

/// One request object of a frame, checked and matched with its method, before any handler
/// has run.
///
/// Everything that can be decided without running a handler is decided here: a malformed
/// request, an unknown method or a bad `timeoutMs` is answered without running anything,
/// and so is neither pipelined nor a barrier.
struct PreparedCall: Sendable {
    private enum Target: Sendable {
        /// Answered with this error; no handler runs.
        case refused(RPCErrorObject)
        /// Runs this handler with these params.
        case method(MethodHandler, params: [String: JSONValue], deadline: Duration?)
    }

    /// The id to answer under; `nil` for a notification, which gets no answer.
    private let answerID: RPCID?
    /// The method named, for the log line of a failed notification.
    private let method: String
    private let target: Target

    /// Checks one member of a frame and finds its handler in `handlers`; `sentID` is the
    /// text of its `id` member as sent, echoed when it reads as the id `value` has.
    init(_ value: JSONValue, sentID: ByteBuffer?, handlers: [String: MethodHandler]) {
        let request: RPCRequest
        do {
            request = try RPCRequest(value)
        } catch {
            // Invalid requests are always answered (under `null` when the id is unreadable).
            answerID = RPCID(error.id, sent: sentID)
            method = ""
            target = .refused(error.error)
            return
        }
        answerID = request.id.map { RPCID($0, sent: sentID) }
        method = request.method
        target = Self.target(of: request, handlers: handlers)
    }

    /// True when the call runs an ordinary (not pipelined) handler: it must run alone, after
    /// every earlier call has been answered and before any later one is admitted.
    var isBarrier: Bool {
        guard case .method(let handler, _, _) = target else { return false }
        return !handler.isPipelined
    }

    /// True when the call runs a pipelined handler, whose answer may come after admission.
    var isPipelined: Bool {
        guard case .method(let handler, _, _) = target else { return false }
        return handler.isPipelined
    }

    /// Runs the call's admission phase: for an ordinary handler, the whole call.
    func admit(context: RPCContext) async -> AdmittedCall {
        switch target {
        case .refused(let error):
            return .settled(response(to: .error(error), context: context))
        case .method(let handler, let params, let deadline):
            if let refusal = context.authorize?(method, context) {
                let outcome = RPCResponse.Outcome.error(.application(refusal))
                await observe(outcome, params: params, context: context)
                return .settled(response(to: outcome, context: context))
            }
            switch await handler(params, deadline: deadline, context: context) {
            case .answered(let outcome):
                await observe(outcome, params: params, context: context)
                return .settled(response(to: outcome, context: context))
            case .pending(let completion):
                guard let observer = context.observer, observer.methods.contains(method) else {
                    // Nothing to observe: the answer may be delivered without a task.
                    return .pending(completion.map { response(to: $0, context: context) })
                }
                return .pending(
                    CallCompletion(awaited: {
                        let outcome = await completion.value()
                        await observer.observe(
                            ObservedCall(method: method, params: params, context: context, outcome: .init(outcome)))
                        return response(to: outcome, context: context)
                    }))
            }
        }
    }

    /// Tells the router's observer about the answered call, when it watches this method.
    private func observe(_ outcome: RPCResponse.Outcome, params: [String: JSONValue], context: RPCContext) async {
        guard let observer = context.observer, observer.methods.contains(method) else { return }
        await observer.observe(ObservedCall(method: method, params: params, context: context, outcome: .init(outcome)))
    }

    /// The response for `outcome`; `nil` for a notification.
    private func response(to outcome: RPCResponse.Outcome, context: RPCContext) -> RPCResponse? {
        guard let answerID else {
            // JSON-RPC forbids answering notifications, even with an error; leave a trace.
            if case .error(let error) = outcome {
                context.logger.debug(
                    "RPC notification failed", metadata: ["rpc_method": "\(method)", "rpc_error": "\(error.message)"])
            }
            return nil
        }
        return RPCResponse(id: answerID, outcome)
    }

    /// The handler and params `request` names, or the error that refuses it.
    private static func target(of request: RPCRequest, handlers: [String: MethodHandler]) -> Target {
        guard let handler = handlers[request.method] else {
            return .refused(.methodNotFound(request.method))
        }
        var params: [String: JSONValue]
        switch request.params {
        case .none:
            params = [:]
        case .byName(let members):
            params = members
        case .byPosition:
            return .refused(.paramsNotAnObject)
        }
        do {
            let deadline = try RequestTimeout.extract(from: &params)
            return .method(handler, params: params, deadline: deadline)
        } catch {
            return .refused(.invalidParams(error.violations))
        }
    }
}
