import Foundation
import HookdCore
import Logging

/// A registered method with its params and result types erased: takes by-name params,
/// gives back the outcome to send, at once or (for a pipelined method) once its
/// ``Pending`` completes.
struct MethodHandler: Sendable {
    /// What admitting one call gave.
    enum Admission: Sendable {
        /// The call is over: this is its outcome.
        case answered(RPCResponse.Outcome)
        /// The call was admitted; this finishes it and gives its outcome.
        case pending(CallCompletion<RPCResponse.Outcome>)
    }

    /// True for a method registered with ``RPCRouter/registerPipelined(name:_:)``: its calls are
    /// admitted in order and completed concurrently. Any other method is a barrier: it runs
    /// alone, after every earlier call of its connection or batch has been answered.
    let isPipelined: Bool
    private let admit: @Sendable ([String: JSONValue], Duration?, RPCContext) async -> Admission

    /// Wraps an ordinary handler: decodes and checks params, runs it (within `deadline` if
    /// given) and maps what it throws to JSON-RPC errors. Always ``Admission/answered(_:)``.
    init<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        method: String, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        isPipelined = false
        admit = { members, deadline, context in
            let params: Params
            do throws(InvalidParams) {
                params = try ParamsDecoder.decode(Params.self, from: members)
            } catch {
                return .answered(.error(.invalidParams(error.violations)))
            }
            return .answered(
                await Self.outcome(method: method, deadline: deadline, context: context) {
                    let result: Result
                    if let deadline {
                        result = try await Deadline.run(within: deadline) { try await handler(params, context) }
                    } else {
                        result = try await handler(params, context)
                    }
                    return try Self.encode(result)
                })
        }
    }

    /// Wraps a pipelined handler: decodes and checks params and runs its admission phase,
    /// answering at once when either fails; otherwise the returned completion awaits the
    /// handler's ``Pending`` and maps its result or error. One `deadline` covers both phases.
    init<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        method: String, pipelined handler: @escaping @Sendable (Params, RPCContext) async throws -> Pending<Result>
    ) {
        isPipelined = true
        admit = { members, deadline, context in
            let params: Params
            do throws(InvalidParams) {
                params = try ParamsDecoder.decode(Params.self, from: members)
            } catch {
                return .answered(.error(.invalidParams(error.violations)))
            }
            let end = deadline.map { ContinuousClock.now + $0 }
            let pending: Pending<Result>
            do {
                if let end {
                    pending = try await Deadline.run(until: end) { try await handler(params, context) }
                } else {
                    pending = try await handler(params, context)
                }
            } catch {
                return .answered(.error(Self.errorObject(for: error, method: method, deadline: deadline, context: context)))
            }
            // Without a deadline to watch, a call its settler can hand over needs no task.
            if end == nil, let subscribe = pending.subscription {
                return .pending(
                    CallCompletion(delivered: { receive in
                        subscribe { result in
                            receive({ Self.outcome(of: result, method: method, context: context) })
                        }
                    }))
            }
            return .pending(
                CallCompletion(awaited: {
                    await Self.outcome(method: method, deadline: deadline, context: context) {
                        let result: Result
                        if let end {
                            result = try await Deadline.run(until: end) { try await pending.value() }
                        } else {
                            result = try await pending.value()
                        }
                        return try Self.encode(result)
                    }
                }))
        }
    }

    /// The result's canonical JSON; results that write it themselves (large plans) do.
    private static func encode(_ result: some Encodable) throws -> Data {
        if let writable = result as? any CanonicalJSONWritable { return try writable.canonicalJSON() }
        return try JSONCoding.canonicalEncoder.encode(result)
    }

    /// Runs the admission phase of one call: for an ordinary method, the whole call.
    func callAsFunction(
        _ params: [String: JSONValue], deadline: Duration?, context: RPCContext
    ) async -> Admission {
        await admit(params, deadline, context)
    }

    /// The result JSON `body` produces, or the error it throws as JSON-RPC sees it.
    private static func outcome(
        method: String, deadline: Duration?, context: RPCContext, _ body: () async throws -> Data
    ) async -> RPCResponse.Outcome {
        do {
            return .result(try await body())
        } catch {
            return .error(errorObject(for: error, method: method, deadline: deadline, context: context))
        }
    }

    /// The outcome of a settled pipelined call: its result's JSON, or its error as JSON-RPC
    /// sees it.
    private static func outcome(
        of result: Swift.Result<some Encodable & Sendable, any Error>, method: String, context: RPCContext
    ) -> RPCResponse.Outcome {
        do {
            return .result(try encode(result.get()))
        } catch {
            return .error(errorObject(for: error, method: method, deadline: nil, context: context))
        }
    }

    /// Maps what a handler threw: `HookdError` is the caller's business and goes out as it
    /// is; anything else is not, so it is logged and answered with -32603.
    private static func errorObject(
        for error: any Error, method: String, deadline: Duration?, context: RPCContext
    ) -> RPCErrorObject {
        switch error {
        case let error as HookdError:
            return .application(error)
        case is Deadline.Exceeded:
            return .deadlineExceeded(milliseconds: deadline?.milliseconds ?? 0)
        default:
            if let translated = context.translateError?(error) {
                context.logger.notice(
                    "RPC handler failed",
                    metadata: ["rpc_method": "\(method)", "reason": "\(translated.reason)", "error": "\(error)"])
                return .application(translated)
            }
            context.logger.error(
                "RPC handler failed", metadata: ["rpc_method": "\(method)", "error": "\(String(reflecting: error))"])
            return .internalError
        }
    }
}

extension Duration {
    /// Whole milliseconds, for messages.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
